package com.mindflow.system.journal;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.JsonNode;

/**
 * Per-entry AI analysis end to end, through the gateway: command-service writes, ai-processing-service analyses,
 * projection-service stores, query-service shows {@code analysis}. A private entry is never analysed.
 */
class EntryAnalysisJourneyIT {

    private static String gateway;

    @BeforeAll
    static void startEverything() {
        gateway = LocalStack.services();
    }

    @Test
    void clearlyPositiveAndNegativeEntriesInEnglishAndPortugueseGetTheirLabels() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        assertAnalysed(writer, write(writer, "2026-02-01", "A wonderful day",
                "I feel so happy and grateful, the walk by the sea was beautiful.", false), "positive", "en");
        assertAnalysed(writer, write(writer, "2026-02-02", "Awful",
                "I feel terrible and exhausted, everything went wrong and I cried.", false), "negative", "en");
        assertAnalysed(writer, write(writer, "2026-02-03", "Um dia maravilhoso",
                "Estou muito feliz, o jantar com os meus amigos foi incrível.", false), "positive", "pt");
        assertAnalysed(writer, write(writer, "2026-02-04", "Dia péssimo",
                "Estou triste e cansada, nada deu certo e chorei no carro.", false), "negative", "pt");
    }

    @Test
    void aPrivateEntryIsNeverAnalysedAndMakingAnEntryPrivateRemovesItsAnalysis() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String secret = write(writer, "2026-02-10", "Private", "I am very happy today and nobody may know.", true);
        // Same user, written after: once it is analysed, the private entry's turn has long passed.
        String open = write(writer, "2026-02-11", "Open", "A lovely, calm evening.", false);
        assertAnalysed(writer, open, "positive", "en");
        JsonNode hidden = eventually(() -> writer.get("/api/journals/" + secret), r -> r.status() == 200).json();
        assertThat(hidden.path("analysis").path("status").asString()).isEqualTo("not_analysed");
        assertThat(hidden.path("analysis").has("sentimentLabel")).isFalse();

        JsonNode before = writer.get("/api/journals/" + open).expect(200).json();
        Map<String, Object> edit = new HashMap<>(Map.of("date", "2026-02-11", "title", "Open",
                "content", "A lovely, calm evening.", "isPrivate", true));
        writer.put("/api/journals/" + open, edit, "\"" + before.path("version").asInt() + "\"").expect(200);
        JsonNode after = eventually(() -> writer.get("/api/journals/" + open),
                r -> r.status() == 200 && r.json().path("isPrivate").asBoolean()).json();
        assertThat(after.path("analysis").path("status").asString()).isEqualTo("not_analysed");
    }

    @Test
    void aCustomInsightIsMadeFromPublicEntriesOnlyReachesTheReadSideAndCanBeForgotten() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String marker = "quokka" + Long.toHexString(System.nanoTime());
        String morning = write(writer, "2026-03-02", "Run", "A long run by the river, I feel happy and strong.", false);
        String again = write(writer, "2026-03-03", "Run again", "Another run by the river, a wonderful morning.", false);
        String secret = write(writer, "2026-03-04", "Mine", "The " + marker + " is my secret and I am happy.", true);
        assertAnalysed(writer, again, "positive", "en");

        MindFlowClient.Response accepted = writer.post("/api/insights",
                Map.of("startDate", "2026-03-01", "endDate", "2026-03-07")).expect(202);
        String location = accepted.header("Location");
        String id = accepted.json().get("id").asString();
        assertThat(location).isEqualTo("/api/insights/" + id);
        JsonNode insight = eventually(() -> writer.get(location), r -> r.status() == 200).json();
        assertThat(insight.path("type").asString()).isEqualTo("custom");
        assertThat(insight.path("entriesAnalyzed").asInt()).isEqualTo(2);
        assertThat(insight.path("summarySentences").valueStream()
                .flatMap(sentence -> sentence.path("entryIds").valueStream()).map(JsonNode::asString))
                .isNotEmpty().containsOnly(morning, again);
        assertThat(insight.toString()).doesNotContain(marker).doesNotContain(secret);
        assertThat(writer.get("/api/insights?type=custom").expect(200).json().path("items").valueStream()
                .map(item -> item.path("id").asString())).containsExactly(id);

        MindFlowClient stranger = new MindFlowClient(gateway);
        stranger.registerAndLogin();
        assertThat(stranger.get(location).status()).isEqualTo(404);
        assertThat(stranger.delete(location).status()).isEqualTo(404);

        assertThat(writer.delete(location).status()).isEqualTo(204);
        eventually(() -> writer.get(location), r -> r.status() == 404);
    }

    private static String write(MindFlowClient writer, String date, String title, String content, boolean isPrivate) {
        return writer.post("/api/journals", Map.of("date", date, "title", title, "content", content,
                "isPrivate", isPrivate)).expect(201).json().get("id").asString();
    }

    private static void assertAnalysed(MindFlowClient writer, String id, String label, String language) {
        JsonNode analysis = eventually(() -> writer.get("/api/journals/" + id),
                r -> r.status() == 200 && "completed".equals(r.json().path("analysis").path("status").asString()))
                .json().path("analysis");
        assertThat(analysis.path("sentimentLabel").asString()).as(id).isEqualTo(label);
        assertThat(analysis.path("language").asString()).isEqualTo(language);
        assertThat(analysis.path("sentimentScore").asDouble()).isBetween(-1.0, 1.0);
        assertThat(analysis.path("keyPhrases").size()).isBetween(1, 8);
    }
}
