package com.mindflow.query.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.query.support.SemanticIT;
import com.mindflow.support.languagemodel.LanguageModel;

import tools.jackson.databind.JsonNode;

/**
 * Semantic and hybrid /api/search, /api/journals/{id}/similar and /api/journal/ask against the real Elasticsearch and
 * read database, with chunks embedded by the real model: two users, one of them holding a copy of the other's text,
 * a private entry whose chunk was left behind, an entry not analysed yet.
 */
class SemanticSearchIT extends SemanticIT {

    /** Off by default (no {@code mindflow.language-model.base-url}): there is no client, so nothing is ever sent. */
    @Autowired
    private Optional<LanguageModel> languageModel;

    private static final String BEACH_TEXT = "Walked the dog along the beach at sunrise. The sand was still cold and"
            + " Pepper chased every gull she saw. I stood by the water for a while and felt calm for the first time"
            + " this week.";

    private record Journal(TestUser alice, TestUser bob, SeededEntry beach, SeededEntry review,
            SeededEntry kombucha, SeededEntry coast, SeededEntry secret, SeededEntry groceries, SeededEntry bobsBeach) {
    }

    private Journal seedJournal() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        SeededEntry beach = seedEverywhere(entry(alice, "2026-01-04", "Beach at dawn", BEACH_TEXT, "happy", "dog",
                "outdoors"), true);
        SeededEntry review = seedEverywhere(entry(alice, "2026-01-06", "Review day", "My manager went through the"
                + " quarterly report line by line and said the numbers were sloppy. I argued about the deadline she"
                + " had moved twice. Left the office feeling small and angry.", "anxious", "work"), true);
        SeededEntry kombucha = seedEverywhere(entry(alice, "2026-01-08", "Kombucha batch", "Started a new kombucha"
                + " batch in the big glass jar. The scoby looks healthy.", "neutral", "food"), true);
        SeededEntry coast = seedEverywhere(entry(alice, "2026-01-10", "Cliff path", "Took the dog for a long walk on"
                + " the cliffs above the sea. Waves crashed below and the wind smelled of salt.", "happy", "dog",
                "outdoors"), true);
        // Private now; its chunks are still in the index (projection-service has not deleted them yet).
        SeededEntry secret = entry(alice, "2026-01-12", "Secret shore", "Walked along the shore at first light with"
                + " someone I should not be seeing. The sea was calm.", "sad", "secret").asPrivate();
        seedEverywhere(secret, false);
        seedChunks(secret);
        SeededEntry groceries = seedEverywhere(entry(alice, "2026-01-14", "Groceries", "Bought rice, lentils and"
                + " onions for the week.", "neutral"), false);
        SeededEntry bobsBeach = seedEverywhere(entry(bob, "2026-01-04", "Beach at dawn", BEACH_TEXT, "happy", "dog"),
                true);
        return new Journal(alice, bob, beach, review, kombucha, coast, secret, groceries, bobsBeach);
    }

    private static List<String> ids(JsonNode result) {
        return result.path("items").valueStream().map(i -> i.path("id").asString()).toList();
    }

    private static JsonNode item(JsonNode result, UUID id) {
        return result.path("items").valueStream().filter(i -> i.path("id").asString().equals(id.toString()))
                .findFirst().orElseThrow();
    }

    @Test
    void semanticFindsAParaphraseKeywordSearchMissesAndNeverShowsPrivateOrOtherUsersEntries() {
        Journal j = seedJournal();
        String q = enc("seaside stroll at daybreak");

        JsonNode keyword = json(get("/api/search?q=" + q, j.alice()));
        assertThat(keyword.path("mode").asString()).isEqualTo("keyword");
        assertThat(ids(keyword)).doesNotContain(j.beach().id().toString());

        JsonNode semantic = json(get("/api/search?q=" + q + "&mode=semantic", j.alice()));
        assertThat(semantic.path("mode").asString()).isEqualTo("semantic");
        List<String> found = ids(semantic);
        assertThat(found.subList(0, 2)).as("the two walks by the sea come first")
                .containsExactlyInAnyOrder(j.beach().id().toString(), j.coast().id().toString());
        assertThat(found)
                .as("the private entry's leftover chunk is dropped by the read-model check")
                .doesNotContain(j.secret().id().toString())
                .as("the same text in another journal").doesNotContain(j.bobsBeach().id().toString());
        JsonNode first = item(semantic, j.beach().id());
        assertThat(first.path("title").asString()).isEqualTo("Beach at dawn");
        assertThat(first.path("date").asString()).isEqualTo("2026-01-04");
        assertThat(first.path("mood").asString()).isEqualTo("happy");
        assertThat(first.path("snippet").asString()).isEqualTo("Walked the dog along the beach at sunrise.");
        assertThat(first.path("score").asDouble()).isBetween(0.3, 1.0);
        assertThat(semantic.path("total").asLong()).isEqualTo(found.size());

        // Filters that map: the date range (kNN filter), mood and tags (read model).
        assertThat(ids(json(get("/api/search?q=" + q + "&mode=semantic&from=2026-01-05", j.alice()))))
                .doesNotContain(j.beach().id().toString()).contains(j.coast().id().toString());
        assertThat(ids(json(get("/api/search?q=" + q + "&mode=semantic&mood=anxious", j.alice()))))
                .allMatch(id -> id.equals(j.review().id().toString()));
        assertThat(ids(json(get("/api/search?q=" + q + "&mode=semantic&tag=dog&sort=date", j.alice()))))
                .containsExactly(j.coast().id().toString(), j.beach().id().toString());

        JsonNode bobs = json(get("/api/search?q=" + q + "&mode=semantic", j.bob()));
        assertThat(ids(bobs)).containsExactly(j.bobsBeach().id().toString());
        JsonNode bobsHybrid = json(get("/api/search?q=" + q + "&mode=hybrid", j.bob()));
        assertThat(ids(bobsHybrid)).containsExactly(j.bobsBeach().id().toString());
    }

    @Test
    void hybridFusesKeywordHitsAndSemanticHits() {
        Journal j = seedJournal();

        JsonNode hybrid = json(get("/api/search?q=" + enc("kombucha, seaside stroll at daybreak") + "&mode=hybrid",
                j.alice()));

        assertThat(hybrid.path("mode").asString()).isEqualTo("hybrid");
        List<String> found = ids(hybrid);
        assertThat(found).contains(j.kombucha().id().toString(), j.beach().id().toString())
                .doesNotContain(j.secret().id().toString(), j.bobsBeach().id().toString());
        JsonNode keywordHit = item(hybrid, j.kombucha().id());
        assertThat(keywordHit.path("highlights").path("content").get(0).asString()).contains("<em>kombucha</em>");
        JsonNode semanticHit = item(hybrid, j.beach().id());
        assertThat(semanticHit.path("highlights").isEmpty()).as("BM25 does not match it").isTrue();
        assertThat(semanticHit.path("snippet").asString()).isNotBlank();
        // RRF scores: 1/(60 + rank) per list, at most two lists.
        assertThat(hybrid.path("items").valueStream().mapToDouble(i -> i.path("score").asDouble()))
                .allMatch(s -> s > 0 && s <= 2.0 / 61 + 1e-6);
        assertThat(hybrid.path("facets").path("tags").valueStream().map(b -> b.path("value").asString()))
                .contains("food", "dog");

        // Keyword mode lists the author's private entry; hybrid never does, not even from its keyword side.
        String shore = enc("shore at first light");
        assertThat(ids(json(get("/api/search?q=" + shore, j.alice())))).contains(j.secret().id().toString());
        assertThat(ids(json(get("/api/search?q=" + shore + "&mode=hybrid", j.alice()))))
                .doesNotContain(j.secret().id().toString());
    }

    @Test
    void similarEntriesAreTheCallersOwnAndExcludeTheEntry() {
        Journal j = seedJournal();

        JsonNode similar = json(get("/api/journals/" + j.beach().id() + "/similar", j.alice()));
        assertThat(similar.path("status").asString()).isEqualTo("ok");
        List<String> found = ids(similar);
        assertThat(found).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        assertThat(found.getFirst()).isEqualTo(j.coast().id().toString());
        assertThat(found).doesNotContain(j.beach().id().toString(), j.secret().id().toString(),
                j.bobsBeach().id().toString());
        assertThat(ids(json(get("/api/journals/" + j.beach().id() + "/similar?limit=1", j.alice())))).hasSize(1);

        assertThat(get("/api/journals/" + j.bobsBeach().id() + "/similar", j.alice()).statusCode()).isEqualTo(404);
        assertThat(get("/api/journals/" + UUID.randomUUID() + "/similar", j.alice()).statusCode()).isEqualTo(404);

        JsonNode notAnalysed = json(get("/api/journals/" + j.groceries().id() + "/similar", j.alice()));
        assertThat(notAnalysed.path("status").asString()).isEqualTo("not-analysed");
        assertThat(notAnalysed.path("items").isEmpty()).isTrue();
        JsonNode secret = json(get("/api/journals/" + j.secret().id() + "/similar", j.alice()));
        assertThat(secret.path("status").asString()).isEqualTo("private");
        assertThat(secret.path("items").isEmpty()).isTrue();

        assertThat(problemFields(get("/api/journals/" + j.beach().id() + "/similar?limit=21", j.alice())))
                .containsExactly("limit");
        assertThat(problemFields(get("/api/journals/" + j.beach().id() + "/similar?limit=0", j.alice())))
                .containsExactly("limit");
    }

    @Test
    void askQuotesTheBestSentenceWithItsDate() {
        Journal j = seedJournal();

        JsonNode answer = json(post("/api/journal/ask", j.alice(),
                "{\"question\": \"When did I take the dog to the beach at sunrise?\"}"));

        assertThat(answer.path("question").asString()).isEqualTo("When did I take the dog to the beach at sunrise?");
        JsonNode top = answer.path("passages").get(0);
        assertThat(top.path("entryId").asString()).isEqualTo(j.beach().id().toString());
        assertThat(top.path("date").asString()).isEqualTo("2026-01-04");
        assertThat(top.path("sentence").asString()).isEqualTo("Walked the dog along the beach at sunrise.");
        assertThat(top.path("score").asDouble()).isBetween(0.3, 1.0);
        assertThat(answer.path("answer").asString())
                .startsWith("On 4 January 2026 you wrote: \u201CWalked the dog along the beach at sunrise.\u201D");
        assertThat(answer.path("answeredBy").asString()).as("no language model by default").isEqualTo("extractive");
        assertThat(languageModel).isEmpty();
        assertThat(answer.path("passages").valueStream().map(p -> p.path("entryId").asString()))
                .doesNotContain(j.secret().id().toString(), j.bobsBeach().id().toString());

        JsonNode later = json(post("/api/journal/ask", j.alice(),
                "{\"question\": \"When did I take the dog to the beach at sunrise?\", \"from\": \"2026-01-05\"}"));
        assertThat(later.path("passages").valueStream().map(p -> p.path("date").asString()))
                .allMatch(d -> d.compareTo("2026-01-05") >= 0);

        JsonNode nothing = json(post("/api/journal/ask", j.alice(),
                "{\"question\": \"What is the boiling point of liquid nitrogen in kelvin?\"}"));
        assertThat(nothing.path("passages").isEmpty()).isTrue();
        assertThat(nothing.path("answer").asString()).isEqualTo(JournalAsk.NOTHING);
        assertThat(nothing.path("answeredBy").asString()).isEqualTo("extractive");
    }

    @Test
    void aUserWhoWithdrewProcessingConsentGetsNoSemanticResultFromChunksLeftBehind() {
        TestUser dave = newUser();
        readDb.sql("""
                INSERT INTO user_profile_view (id, email, display_name, created_at, settings, gdpr_consent)
                VALUES (:id, :email, 'Dave', now(), '{"privateMode": false}', '{"dataProcessingConsent": false}')""")
                .param("id", dave.id()).param("email", dave.id() + "@example.com").update();
        // Embedded before the withdrawal; projection-service has not deleted the chunks yet.
        SeededEntry walk = entry(dave, "2026-01-04", "Beach at dawn", "Walked the dog along the beach at sunrise."
                + " The sand was still cold.", "happy", "dog");
        seedEverywhere(walk, true);
        seedEverywhere(entry(dave, "2026-01-10", "Cliff path", "Took the dog for a long walk on the cliffs above the"
                + " sea.", "happy", "dog"), true);
        String q = enc("seaside stroll at daybreak");

        assertThat(ids(json(get("/api/search?q=" + q + "&mode=semantic", dave)))).isEmpty();
        assertThat(ids(json(get("/api/search?q=" + q + "&mode=hybrid", dave)))).isEmpty();
        JsonNode similar = json(get("/api/journals/" + walk.id() + "/similar", dave));
        assertThat(similar.path("items").isEmpty()).isTrue();
        JsonNode answer = json(post("/api/journal/ask", dave,
                "{\"question\": \"When did I take the dog to the beach at sunrise?\"}"));
        assertThat(answer.path("passages").isEmpty()).isTrue();
        assertThat(answer.path("answer").asString()).isEqualTo(JournalAsk.NOTHING);
        // Keyword search is a plain read of the user's own entries, not processing: it still finds them.
        assertThat(ids(json(get("/api/search?q=" + enc("sunrise"), dave)))).containsExactly(walk.id().toString());
    }

    @Test
    void aNewerVersionWithTheSameWordsKeepsItsPassageAndAnEditOfTheWordsHidesTheOldText() {
        TestUser erin = newUser();
        SeededEntry walk = seedEverywhere(entry(erin, "2026-01-04", "Beach at dawn", "Walked the dog along the beach"
                + " at sunrise. The sand was still cold.", "happy", "dog"), true);
        String q = enc("seaside stroll at daybreak");
        String question = "{\"question\": \"When did I take the dog to the beach at sunrise?\"}";

        // A photo attached: the read model's version moves on, the words and the passages stay.
        readDb.sql("UPDATE journals_view SET version = 2 WHERE id = :id").param("id", walk.id()).update();
        JsonNode photo = item(json(get("/api/search?q=" + q + "&mode=semantic", erin)), walk.id());
        assertThat(photo.path("snippet").asString()).isEqualTo("Walked the dog along the beach at sunrise.");
        assertThat(json(post("/api/journal/ask", erin, question)).path("passages").get(0).path("sentence")
                .asString()).isEqualTo("Walked the dog along the beach at sunrise.");

        // The words edited, the passages not embedded again yet: still found by meaning, its old text never shown.
        readDb.sql("UPDATE journals_view SET version = 3, content = 'Stayed in and read all day.' WHERE id = :id")
                .param("id", walk.id()).update();
        JsonNode edited = item(json(get("/api/search?q=" + q + "&mode=semantic", erin)), walk.id());
        assertThat(edited.path("snippet").isMissingNode() || edited.path("snippet").isNull()).as(edited.toString())
                .isTrue();
        assertThat(json(post("/api/journal/ask", erin, question)).path("passages").isEmpty()).isTrue();
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        TestUser alice = newUser();
        assertThat(problemFields(post("/api/journal/ask", alice,
                "{\"question\": \"" + "x".repeat(501) + "\"}"))).containsExactly("question");
        assertThat(problemFields(post("/api/journal/ask", alice, "{}"))).containsExactly("question");
        assertThat(problemFields(post("/api/journal/ask", alice, "{\"question\": \"  \"}")))
                .containsExactly("question");
        assertThat(problemFields(post("/api/journal/ask", alice,
                "{\"question\": \"why?\", \"from\": \"2026-01-10\", \"to\": \"2026-01-09\"}"))).containsExactly("to");
        HttpResponse<String> unknownMode = get("/api/search?q=x&mode=fuzzy", alice);
        assertThat(unknownMode.statusCode()).isEqualTo(400);
        assertThat(unknownMode.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(problemFields(unknownMode)).containsExactly("mode");
        assertThat(problemFields(get("/api/search?mode=semantic", alice))).containsExactly("q");
        // Nothing the model could embed (a byte-order mark, emoji): named, never a 500.
        assertThat(problemFields(post("/api/journal/ask", alice, "{\"question\": \"\uFEFF\"}")))
                .containsExactly("question");
        assertThat(problemFields(get("/api/search?q=%F0%9F%99%82%E2%9C%A8&mode=semantic", alice)))
                .containsExactly("q");
        assertThat(problemFields(get("/api/search?q=x&mode=hybrid&page=2&size=20", alice))).containsExactly("page");
    }

    @Test
    void everyNewRouteNeedsAToken() {
        assertThat(get("/api/search?q=x&mode=semantic", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/search?q=x&mode=hybrid", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/journals/" + UUID.randomUUID() + "/similar", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/journal/ask", null, "{\"question\": \"why?\"}").statusCode()).isEqualTo(401);
    }
}
