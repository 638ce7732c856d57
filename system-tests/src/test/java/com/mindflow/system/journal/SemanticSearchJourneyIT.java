package com.mindflow.system.journal;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import tools.jackson.databind.JsonNode;

/**
 * Semantic search end to end, through the gateway: ai-processing-service embeds a public entry, projection-service
 * indexes its passages, query-service finds it by meaning ({@code mode=semantic|hybrid}), lists entries like it and
 * answers a question with the passage. A marker word planted in a private entry never reaches the vectors, the
 * answers or the AI's log, and an entry made private leaves the index.
 */
class SemanticSearchJourneyIT {

    private static String gateway;
    private static Servers servers;

    @BeforeAll
    static void startEverything() {
        servers = LocalStack.servers();
        gateway = LocalStack.services();
    }

    private static final Duration EMBEDDING_PATIENCE = Duration.ofMinutes(3);

    @Test
    void anEntryIsFoundByMeaningListedAsSimilarAndQuotedInAnAnswerAndLeavesWhenMadePrivate() throws Exception {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String marker = "wombat" + Long.toHexString(System.nanoTime());
        String beach = write(writer, "2026-04-04", "Beach at dawn", "Walked the dog along the beach at sunrise. "
                + "The sand was still cold and Pepper chased every gull she saw. I felt calm by the water.", false);
        String shore = write(writer, "2026-04-05", "Back to the sea", "Another early walk by the ocean with the dog, "
                + "waves rolling in and the sky turning pink.", false);
        String office = write(writer, "2026-04-06", "Budget meeting", "Spent the afternoon on spreadsheets for the "
                + "quarterly budget review with finance.", false);
        String secret = write(writer, "2026-04-07", "Mine", "The " + marker + " walked with me along the beach at "
                + "dawn and nobody may know.", true);
        for (String id : List.of(beach, shore, office)) {
            eventually(() -> writer.get("/api/journals/" + id),
                    r -> r.status() == 200 && "completed".equals(r.json().path("analysis").path("status").asString()));
            // Embedding is its own consumer group and trails the analysis by whatever backlog the suite's other
            // journeys left it (about 25 entries a second): an entry is "similar"-ready once its passages are in.
            eventually(() -> writer.get("/api/journals/" + id + "/similar"),
                    r -> r.status() == 200 && "ok".equals(r.json().path("status").asString()), EMBEDDING_PATIENCE);
        }

        String query = "/api/search?q=" + encode("morning stroll on the seashore with my puppy");
        JsonNode semantic = eventually(() -> writer.get(query + "&mode=semantic"),
                r -> r.status() == 200 && ids(r.json()).contains(beach)).json();
        assertThat(ids(semantic)).doesNotContain(secret);
        if (ids(semantic).contains(office)) {
            assertThat(ids(semantic).indexOf(beach)).as("the beach walk ranks above the budget meeting")
                    .isLessThan(ids(semantic).indexOf(office));
        }
        JsonNode hybrid = writer.get(query + "&mode=hybrid").expect(200).json();
        assertThat(ids(hybrid)).contains(beach).doesNotContain(secret);
        assertThat(writer.get(query + "&mode=telepathic").expect(400).body()).contains("mode");

        JsonNode similar = eventually(() -> writer.get("/api/journals/" + beach + "/similar"),
                r -> r.status() == 200 && ids(r.json()).contains(shore)).json();
        assertThat(ids(similar)).doesNotContain(beach, secret);

        JsonNode answer = writer.post("/api/journal/ask", Map.of("question", "When did I walk the dog on the beach?"))
                .expect(200).json();
        JsonNode top = answer.path("passages").get(0);
        assertThat(top.path("entryId").asString()).isIn(beach, shore);
        assertThat(top.path("date").asString()).isIn("2026-04-04", "2026-04-05");
        assertThat(top.path("sentence").asString()).isNotBlank();
        assertThat(answer.path("answer").asString()).isNotBlank();
        assertThat(answer.toString()).doesNotContain(marker).doesNotContain(secret);
        assertThat(writer.post("/api/journal/ask", Map.of("question", "x".repeat(501))).expect(400).body())
                .contains("question");

        MindFlowClient stranger = new MindFlowClient(gateway);
        stranger.registerAndLogin();
        assertThat(stranger.get("/api/journals/" + beach + "/similar").status()).isEqualTo(404);
        assertThat(ids(stranger.get(query + "&mode=semantic").expect(200).json())).doesNotContain(beach, shore);

        String chunks = chunksOf(writer.userId());
        assertThat(chunks).contains(beach).doesNotContain(marker).doesNotContain(secret);
        assertThat(Files.readString(LocalStack.logFile("ai-processing-service"))).doesNotContain(marker);

        JsonNode before = writer.get("/api/journals/" + beach).expect(200).json();
        Map<String, Object> edit = new HashMap<>(Map.of("date", "2026-04-04", "title", "Beach at dawn",
                "content", before.path("content").asString(), "isPrivate", true));
        writer.put("/api/journals/" + beach, edit, "\"" + before.path("version").asInt() + "\"").expect(200);
        eventually(() -> writer.get(query + "&mode=semantic"), r -> r.status() == 200 && !ids(r.json()).contains(beach));
        eventually(() -> new MindFlowClient.Response(200, chunksOf(writer.userId()), Map.of()),
                r -> !r.body().contains(beach));
        assertThat(writer.post("/api/journal/ask", Map.of("question", "When did I walk the dog on the beach?"))
                .expect(200).body()).doesNotContain(beach);
    }

    private static String write(MindFlowClient writer, String date, String title, String content, boolean isPrivate) {
        return writer.post("/api/journals", Map.of("date", date, "title", title, "content", content,
                "isPrivate", isPrivate)).expect(201).json().get("id").asString();
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items").valueStream().map(item -> item.has("entryId") ? item.path("entryId").asString()
                : item.path("id").asString()).toList();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Everything the chunk index holds for the user, straight from Elasticsearch (texts, ids and vectors). */
    private static String chunksOf(String userId) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl()
                                    + "/journal_entry_chunks/_search?routing=" + userId))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"size\":500,\"query\":{\"term\":{\"userId\":\""
                                    + userId + "\"}}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
        catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
