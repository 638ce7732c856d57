package com.mindflow.query.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.query.support.SemanticIT;
import com.mindflow.support.testing.StubChatServer;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/journal/ask} with the optional language model on, against a stub OpenAI-compatible server that
 * records every request: the model writes the answer from the selected passages, never sees a word of a private entry
 * or of a user in private mode, and any failure falls back to the extractive answer.
 */
class AskLanguageModelIT extends SemanticIT {

    private static final StubChatServer STUB = StubChatServer.start();
    private static final String WRITTEN = "You walked the dog on the beach at sunrise on 4 January 2026.";
    /** Planted in every private text below; must never reach the language model. */
    private static final String MARKER = "quillowbrack";
    private static final String QUESTION = "When did I walk the dog by the sea at sunrise?";

    @DynamicPropertySource
    static void languageModel(DynamicPropertyRegistry registry) {
        STUB.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @BeforeEach
    void answer() {
        STUB.answering(WRITTEN);
    }

    private TestUser aliceWithAPrivateEntry() {
        TestUser alice = newUser();
        seedEverywhere(entry(alice, "2026-01-04", "Beach at dawn", "Walked the dog along the beach at sunrise. The"
                + " sand was still cold and Pepper chased every gull she saw.", "happy", "dog"), true);
        seedEverywhere(entry(alice, "2026-01-10", "Cliff path", "Took the dog for a long walk on the cliffs above"
                + " the sea. Waves crashed below and the wind smelled of salt.", "happy", "dog"), true);
        // Private now; its chunks are still in the index (projection-service has not deleted them yet).
        SeededEntry secret = entry(alice, "2026-01-12", "Shore with " + MARKER, "Walked the dog along the shore at"
                + " sunrise with " + MARKER + ". The sea was calm and " + MARKER + " held my hand.", "sad",
                "secret").asPrivate();
        seedEverywhere(secret, false);
        seedChunks(secret);
        return alice;
    }

    @Test
    void theModelWritesTheAnswerFromTheSelectedPassagesAndThePassagesStay() {
        TestUser alice = aliceWithAPrivateEntry();

        JsonNode answer = json(post("/api/journal/ask", alice, "{\"question\": \"" + QUESTION + "\"}"));

        assertThat(answer.path("answeredBy").asString()).isEqualTo("language-model");
        assertThat(answer.path("answer").asString()).isEqualTo(WRITTEN);
        assertThat(answer.path("question").asString()).isEqualTo(QUESTION);
        JsonNode top = answer.path("passages").get(0);
        assertThat(top.path("date").asString()).isEqualTo("2026-01-04");
        assertThat(top.path("sentence").asString()).isEqualTo("Walked the dog along the beach at sunrise.");
        List<String> requests = STUB.requests();
        assertThat(requests).singleElement().satisfies(body -> assertThat(body)
                .contains("stub-model", QUESTION, "4 January 2026: Beach at dawn. Walked the dog along the beach"));
    }

    @Test
    void noPrivateEntryAndNoEntryOfAUserInPrivateModeEverReachesTheModel() {
        TestUser alice = aliceWithAPrivateEntry();
        TestUser carol = newUser();
        readDb.sql("""
                INSERT INTO user_profile_view (id, email, display_name, created_at, settings, gdpr_consent)
                VALUES (:id, :email, 'Carol', now(), '{"privateMode": true}', '{}')""")
                .param("id", carol.id()).param("email", carol.id() + "@example.com").update();
        seedEverywhere(entry(carol, "2026-01-04", "Dawn walk", "Walked the dog by the sea at sunrise with " + MARKER
                + ". The beach was empty.", "happy", "dog"), true);
        seedEverywhere(entry(carol, "2026-01-05", "Sea again", "Another sunrise walk by the sea, the dog ran into"
                + " the waves and " + MARKER + " laughed.", "happy"), true);

        JsonNode alices = json(post("/api/journal/ask", alice, "{\"question\": \"" + QUESTION + "\"}"));
        JsonNode alicesAboutTheSecret = json(post("/api/journal/ask", alice,
                "{\"question\": \"Who held my hand on the shore at sunrise?\"}"));
        JsonNode carols = json(post("/api/journal/ask", carol, "{\"question\": \"" + QUESTION + "\"}"));

        assertThat(alices.path("answeredBy").asString()).isEqualTo("language-model");
        assertThat(alicesAboutTheSecret.toString().toLowerCase(Locale.ROOT)).doesNotContain(MARKER);
        assertThat(carols.path("passages").isEmpty()).isTrue();
        assertThat(carols.path("answeredBy").asString()).isEqualTo("extractive");
        assertThat(carols.path("answer").asString()).isEqualTo(JournalAsk.NOTHING);
        List<String> requests = STUB.requests();
        assertThat(requests).as("alice's questions reached the model").isNotEmpty();
        assertThat(requests).allSatisfy(body -> assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain(MARKER));
    }

    @Test
    void aFailingOrSlowModelFallsBackToTheExtractiveAnswer() {
        TestUser alice = aliceWithAPrivateEntry();
        String extractive = "On 4 January 2026 you wrote: \u201CWalked the dog along the beach at sunrise.\u201D";

        STUB.failing();
        var failed = post("/api/journal/ask", alice, "{\"question\": \"" + QUESTION + "\"}");
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(json(failed).path("answeredBy").asString()).isEqualTo("extractive");
        assertThat(json(failed).path("answer").asString()).startsWith(extractive);
        assertThat(STUB.requests()).hasSize(1);

        STUB.slow(Duration.ofSeconds(6));
        long start = System.nanoTime();
        var slow = post("/api/journal/ask", alice, "{\"question\": \"" + QUESTION + "\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the 2 s timeout, not the stub's 6 s")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(json(slow).path("answeredBy").asString()).isEqualTo("extractive");
        assertThat(json(slow).path("answer").asString()).startsWith(extractive);
        assertThat(json(slow).path("passages").get(0).path("sentence").asString())
                .isEqualTo("Walked the dog along the beach at sunrise.");
    }
}
