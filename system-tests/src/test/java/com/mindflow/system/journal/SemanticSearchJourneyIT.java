package com.mindflow.system.journal;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.ReadStores;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import tools.jackson.databind.JsonNode;

/**
 * Semantic search end to end, through the gateway: ai-processing-service embeds a public entry, projection-service
 * indexes its passages, query-service finds it by meaning ({@code mode=semantic|hybrid}), lists entries like it and
 * answers a question with the passage. A marker word planted in a private entry never reaches the vectors, the
 * answers or the AI's log, and an entry made private leaves the index.
 *
 * <p>And issue #11's privacy test across the stores: a marker in a private entry, and in every entry of a user in
 * private mode, reaches none of the stores the AI feeds — passages and vectors in Elasticsearch, findings, insights
 * and mood scores in analytics, any service's log — and a public entry's marker leaves them all once the entry is
 * made private after it was analysed, embedded and summed up in an insight. (The language model's requests are
 * checked against a recording stub in query-service's and ai-processing-service's own tests; digest mails are made
 * from insights.) Here, first in the suite, the embedding consumer has no backlog to wait behind.
 */
class SemanticSearchJourneyIT {

    private static String gateway;
    private static Servers servers;
    /** One set of store clients for the class: the polls below read Elasticsearch and analytics many times. */
    private static ReadStores stores;

    @BeforeAll
    static void startEverything() {
        servers = LocalStack.servers();
        gateway = LocalStack.services();
        stores = new ReadStores(servers);
    }

    @AfterAll
    static void closeStores() {
        stores.close();
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

    @Test
    void markersOfPrivateEntriesAndOfAPrivateModeUserReachNoStoreAndMakingAnEntryPrivateTakesItsMarkerOut()
            throws Exception {
        String secret = marker("numbat");
        String hidden = marker("quoll");
        String flipped = marker("bilby");
        MindFlowClient alice = new MindFlowClient(gateway);
        alice.registerAndLogin();
        MindFlowClient bob = new MindFlowClient(gateway);
        bob.registerAndLogin();
        privateMode(stores, bob, true);
        write(alice, "2026-05-04", "Mine", "The " + secret + " followed me home and I was happy all evening.",
                true);
        String flip = write(alice, "2026-05-05", "Open for now", "A " + flipped + " sat on the garden fence"
                + " while I drank my coffee, a happy and calm morning.", false);
        String open = write(alice, "2026-05-06", "Open", "A calm walk by the river, happy and rested after work.",
                false);
        write(bob, "2026-05-04", "Quiet", "The " + hidden + " and I had a happy, calm day at the lake.", false);
        write(bob, "2026-05-05", "Again", "Another happy day with the " + hidden + " in the garden.", false);
        // Bob's next entry, after private mode is off, is read by the same consumers after the ones before it.
        privateMode(stores, bob, false);
        String later = write(bob, "2026-05-06", "Later", "A tired but calm evening at home.", false);
        for (MindFlowClient user : List.of(alice, bob)) {
            for (String id : user == alice ? List.of(flip, open) : List.of(later)) {
                eventually(() -> user.get("/api/journals/" + id + "/similar"),
                        r -> r.status() == 200 && "ok".equals(r.json().path("status").asString()),
                        EMBEDDING_PATIENCE);
            }
        }
        assertThat(insight(alice).path("entriesAnalyzed").asInt()).isEqualTo(2);
        assertThat(insight(bob).path("entriesAnalyzed").asInt()).isEqualTo(1);
        assertThat(stores.chunksOf(UUID.fromString(alice.userId()))).contains(flip).contains(flipped);
        assertInNoStore(stores, alice, bob, secret, hidden);

        JsonNode current = alice.get("/api/journals/" + flip).expect(200).json();
        Map<String, Object> edit = new HashMap<>(Map.of("date", "2026-05-05", "title", "Open for now",
                "content", current.path("content").asString(), "isPrivate", true));
        alice.put("/api/journals/" + flip, edit, "\"" + current.path("version").asInt() + "\"").expect(200);
        // Its passages, its findings and what insights drew from it go; the insight is made again without it.
        eventually(() -> new MindFlowClient.Response(200, stores.chunksOf(UUID.fromString(alice.userId()))
                        + rows(stores, alice, "ai_entry_facts", "journal_insights"), Map.of()),
                r -> !r.body().contains(flipped) && !r.body().contains(flip), EMBEDDING_PATIENCE);
        assertThat(insight(alice).path("entriesAnalyzed").asInt()).isEqualTo(1);
        assertInNoStore(stores, alice, bob, secret, hidden, flipped);
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

    private static String chunksOf(String userId) {
        return stores.chunksOf(UUID.fromString(userId));
    }

    private static void assertInNoStore(ReadStores stores, MindFlowClient alice, MindFlowClient bob,
            String... markers) throws Exception {
        for (MindFlowClient user : List.of(alice, bob)) {
            String chunks = stores.chunksOf(UUID.fromString(user.userId()));
            String analytics = rows(stores, user, "ai_entry_facts", "journal_insights", "mood_events");
            String insights = user.get("/api/insights").expect(200).body();
            for (String marker : markers) {
                assertThat(chunks).as("passages and vectors in Elasticsearch").doesNotContain(marker);
                assertThat(analytics).as("findings and insights in analytics").doesNotContain(marker);
                assertThat(insights).as("insights on the read side").doesNotContain(marker);
            }
        }
        try (Stream<Path> logs = Files.list(LocalStack.logFile("api-gateway").getParent())) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                for (String marker : markers) {
                    assertThat(text).as("log %s", log.getFileName()).doesNotContain(marker);
                }
            }
        }
    }

    /** The user's rows of analytics tables the AI writes or feeds, as JSON text. */
    private static String rows(ReadStores stores, MindFlowClient user, String... tables) {
        StringBuilder rows = new StringBuilder();
        for (String table : tables) {
            rows.append(stores.text(Servers.ANALYTICS_DB, "SELECT coalesce(string_agg(to_jsonb(t)::text, ' '), '')"
                    + " FROM " + table + " t WHERE user_id = ?", UUID.fromString(user.userId()))).append('\n');
        }
        return rows.toString();
    }

    /** A custom insight over May 2026, once it is made. */
    private static JsonNode insight(MindFlowClient user) {
        String location = user.post("/api/insights", Map.of("startDate", "2026-05-01", "endDate", "2026-05-31"))
                .expect(202).header("Location");
        return eventually(() -> user.get(location), r -> r.status() == 200).json();
    }

    /**
     * Turns private mode on or off and waits until the AI has recorded it: the setting and the entries travel on two
     * topics, so an entry written at once could otherwise be read first (and its analysis withdrawn after).
     */
    private static void privateMode(ReadStores stores, MindFlowClient user, boolean on) {
        user.raw("PATCH", "/api/me/settings", "application/json",
                ("{\"privateMode\":" + on + "}").getBytes(StandardCharsets.UTF_8), true).expect(200);
        String open = "SELECT count(*) FROM ai_exclusions WHERE user_id = ? AND to_at IS NULL";
        eventually(() -> new MindFlowClient.Response(200, stores.text(Servers.ANALYTICS_DB, open,
                UUID.fromString(user.userId())), Map.of()), r -> r.body().equals(on ? "1" : "0"));
    }

    private static String marker(String animal) {
        return animal + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 8);
    }
}
