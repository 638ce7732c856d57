package com.mindflow.system.journal;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;
import com.mindflow.system.client.ReadStores;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline over HTTP through the gateway: a write reaches every read — the entry, the recent list, search,
 * tag suggestions, the mood calendar and trend, the writing stats and the audit trail — and so do an edit, a delete
 * and an account erasure. Each test has its own users, so they never see each other's data.
 */
class ReadSideJourneyIT {

    /** The client registers users in Lisbon; "today" for streaks and calendars is Lisbon's. */
    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

    private static String gateway;

    @BeforeAll
    static void startEverything() {
        // -Dmindflow.gateway.url points the test at another copy of the services on the same servers.
        gateway = System.getProperty("mindflow.gateway.url", LocalStack.services());
    }

    @Test
    void aWrittenEntryShowsUpInEveryRead() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        LocalDate today = LocalDate.now(LISBON);
        String word = uniqueWord();

        String id = writer.post("/api/journals", Map.of(
                "date", today.toString(),
                "title", "Morning in the garden",
                "content", "The sunrise over the " + word + " made the whole morning calm.",
                "mood", "happy",
                "tags", List.of("Garden", "sunrise")))
                .expect(201).json().get("id").asString();

        eventually(() -> writer.get("/api/journals/" + id), r -> r.status() == 200);
        assertThat(ids(writer.get("/api/journals").expect(200).json().get("items"))).containsExactly(id);

        JsonNode found = eventually(() -> writer.get("/api/search?q=" + word),
                r -> r.status() == 200 && r.json().get("total").asLong() == 1).json();
        JsonNode hit = found.get("items").get(0);
        assertThat(hit.get("id").asString()).isEqualTo(id);
        assertThat(hit.get("highlights").get("content").get(0).asString()).contains("<em>" + word + "</em>");
        assertThat(found.get("facets").get("moods").get(0).get("value").asString()).isEqualTo("happy");

        JsonNode suggested = writer.get("/api/tags/suggest?prefix=gar").expect(200).json();
        assertThat(suggested.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("garden");

        JsonNode calendar = writer.get("/api/moods/calendar?year=" + today.getYear() + "&month="
                + today.getMonthValue()).expect(200).json();
        JsonNode day = calendar.get("days").get(today.getDayOfMonth() - 1);
        assertThat(day.get("date").asString()).isEqualTo(today.toString());
        assertThat(day.get("hasEntry").asBoolean()).isTrue();
        assertThat(day.get("mood").asString()).isEqualTo("happy");

        JsonNode trend = writer.get("/api/moods/trend?days=7").expect(200).json();
        assertThat(trend.get("positive").asInt()).isEqualTo(100);
        assertThat(trend.get("total").asInt()).isEqualTo(1);

        JsonNode stats = eventually(() -> writer.get("/api/me/stats"),
                r -> r.status() == 200 && r.json().get("totalEntries").asInt() == 1).json();
        assertThat(stats.get("currentStreak").asInt()).isEqualTo(1);
        assertThat(stats.get("lastEntryDate").asString()).isEqualTo(today.toString());

        JsonNode activity = eventually(() -> writer.get("/api/me/activity"), r -> r.status() == 200
                && actions(r.json()).contains("ENTRY_CREATE")).json();
        assertThat(activity.get("items").valueStream()
                .filter(item -> "ENTRY_CREATE".equals(item.get("action").asString()))
                .map(item -> item.get("entryId").asString())).containsExactly(id);
    }

    @Test
    void anEditAndADeletePropagateToEveryRead() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        LocalDate today = LocalDate.now(LISBON);
        String before = uniqueWord();
        String after = uniqueWord();
        Response created = writer.post("/api/journals", Map.of("date", today.toString(), "title", "First draft",
                "content", "Thinking about " + before + ".", "mood", "sad", "tags", List.of("draft")))
                .expect(201);
        String id = created.json().get("id").asString();
        eventually(() -> writer.get("/api/search?q=" + before), r -> r.json().get("total").asLong() == 1);

        writer.put("/api/journals/" + id, Map.of("date", today.toString(), "title", "Second thoughts",
                "content", "Now thinking about " + after + ".", "mood", "ecstatic", "tags", List.of("final")),
                created.header("ETag")).expect(200);

        eventually(() -> writer.get("/api/journals/" + id), r -> r.status() == 200
                && r.json().get("version").asInt() == 2);
        eventually(() -> writer.get("/api/search?q=" + after), r -> r.json().get("total").asLong() == 1);
        assertThat(writer.get("/api/search?q=" + before).json().get("total").asLong()).isZero();
        assertThat(writer.get("/api/moods/trend?days=7").json().get("positive").asInt()).isEqualTo(100);
        assertThat(writer.get("/api/tags/suggest?prefix=fin").json().get("tags").size()).isEqualTo(1);

        writer.delete("/api/journals/" + id).expect(204);

        eventually(() -> writer.get("/api/journals/" + id), r -> r.status() == 404);
        eventually(() -> writer.get("/api/search?q=" + after), r -> r.json().get("total").asLong() == 0);
        assertThat(writer.get("/api/journals").json().get("items").size()).isZero();
        JsonNode calendar = writer.get("/api/moods/calendar?year=" + today.getYear() + "&month="
                + today.getMonthValue()).expect(200).json();
        assertThat(calendar.get("entryCount").asInt()).isZero();
        assertThat(writer.get("/api/moods/trend?days=7").json().get("total").asInt()).isZero();
        eventually(() -> writer.get("/api/me/stats"), r -> r.json().get("totalEntries").asInt() == 0);
        eventually(() -> writer.get("/api/me/activity"), r -> actions(r.json()).containsAll(
                List.of("ENTRY_CREATE", "ENTRY_UPDATE", "ENTRY_DELETE")));
    }

    @Test
    void noReadRouteShowsAnotherUsersData() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String word = uniqueWord();
        String id = writer.post("/api/journals", Map.of("title", "Private thoughts", "content", word,
                "mood", "anxious", "tags", List.of("secret")))
                .expect(201).json().get("id").asString();
        eventually(() -> writer.get("/api/search?q=" + word), r -> r.json().get("total").asLong() == 1);

        MindFlowClient stranger = new MindFlowClient(gateway);
        stranger.registerAndLogin();
        LocalDate today = LocalDate.now(LISBON);

        stranger.get("/api/journals/" + id).expect(404);
        stranger.get("/api/journals/" + id + "/attachments/" + UUID.randomUUID()).expect(404);
        assertThat(stranger.get("/api/journals").expect(200).json().get("items").size()).isZero();
        assertThat(stranger.get("/api/journals?tag=secret").expect(200).json().get("items").size()).isZero();
        assertThat(stranger.get("/api/search?q=" + word).expect(200).json().get("total").asLong()).isZero();
        assertThat(stranger.get("/api/search?tag=secret").expect(200).json().get("total").asLong()).isZero();
        assertThat(stranger.get("/api/tags/suggest?prefix=sec").expect(200).json().get("tags").size()).isZero();
        assertThat(stranger.get("/api/moods/calendar?year=" + today.getYear() + "&month=" + today.getMonthValue())
                .expect(200).json().get("entryCount").asInt()).isZero();
        assertThat(stranger.get("/api/moods/trend?days=30").expect(200).json().get("total").asInt()).isZero();
        assertThat(stranger.get("/api/me/stats").expect(200).json().get("totalEntries").asInt()).isZero();
        assertThat(stranger.get("/api/me/activity").expect(200).json().get("items").valueStream()
                .map(item -> item.get("entryId").asString())).doesNotContain(id);

        MindFlowClient anonymous = new MindFlowClient(gateway);
        for (String path : List.of("/api/journals", "/api/journals/" + id, "/api/search?q=x",
                "/api/tags/suggest?prefix=s", "/api/moods/calendar?year=2025&month=1", "/api/moods/trend?days=7",
                "/api/me/stats", "/api/me/activity", "/api/me/consent/history", "/api/me/export/" + id,
                "/api/insights", "/api/insights/" + id)) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void anErasedAccountLeavesNothingInTheReadStoresButTheAuditTrail() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String userId = writer.userId();
        String word = uniqueWord();
        String id = writer.post("/api/journals", Map.of("title", "Soon gone", "content", word, "mood", "neutral",
                "tags", List.of("ephemeral"))).expect(201).json().get("id").asString();
        eventually(() -> writer.get("/api/search?q=" + word), r -> r.json().get("total").asLong() == 1);
        writer.get("/api/journals").expect(200);
        writer.get("/api/moods/trend?days=7").expect(200);

        writer.deleteAccount().expect(202);

        // The local stack's grace period is 2 s: the purge follows within awaitErased's wait.
        try (ReadStores stores = new ReadStores(LocalStack.servers())) {
            stores.awaitErased(UUID.fromString(userId), UUID.fromString(id));
            assertThat(stores.awaitPseudonymisedAudit(UUID.fromString(userId))).isPositive();
        }
    }

    @Test
    void oneCommandRebuildsTheReadModelAndSearchFromTheWriteSide() throws Exception {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String word = uniqueWord();
        String kept = writer.post("/api/journals", Map.of("title", "Kept", "content", word + " one",
                "date", "2025-06-01")).expect(201).json().get("id").asString();
        String lost = writer.post("/api/journals", Map.of("title", "Lost", "content", word + " two",
                "date", "2025-06-02")).expect(201).json().get("id").asString();
        eventually(() -> writer.get("/api/search?q=" + word), r -> r.json().get("total").asLong() == 2);

        try (ReadStores stores = new ReadStores(LocalStack.servers())) {
            // The read model loses a row and garbles another, behind the services' back.
            stores.update(Servers.READ_DB, "DELETE FROM journals_view WHERE id = ?", UUID.fromString(lost));
            stores.update(Servers.READ_DB, "UPDATE journals_view SET title = 'garbled' WHERE id = ?",
                    UUID.fromString(kept));
            UUID user = UUID.fromString(writer.userId());
            String name = stores.text(Servers.READ_DB, "SELECT display_name FROM user_profile_view WHERE id = ?", user);
            stores.update(Servers.READ_DB, "UPDATE user_profile_view SET display_name = 'garbled' WHERE id = ?", user);
            writer.get("/api/journals/" + lost).expect(404);

            rebuild("read-model");
            // A rebuild replays the whole write side (every test's entries so far): more patience than a write. It
            // completes only after command-service's and auth-service's snapshots are all in.
            awaitRebuilt(() -> writer.get("/api/journals/" + lost).status() == 200
                    && "Kept".equals(writer.get("/api/journals/" + kept).json().get("title").asString())
                    && name.equals(stores.text(Servers.READ_DB,
                            "SELECT display_name FROM user_profile_view WHERE id = ?", user))
                    && "completed".equals(stores.text(Servers.READ_DB, "SELECT outcome FROM projection_rebuilds"
                            + " WHERE sink = 'read-model' ORDER BY requested_at DESC LIMIT 1")));

            String before = stores.searchIndex();
            rebuild("search");
            awaitRebuilt(() -> !stores.searchIndex().equals(before));
            assertThat(writer.get("/api/search?q=" + word).expect(200).json().get("total").asLong()).isEqualTo(2);
        }
    }

    @Test
    void oneCommandReDerivesTheAiFindingsFromTheWriteSide() throws Exception {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String entry = writer.post("/api/journals", Map.of("title", "Garden", "content",
                "Planted tomatoes with my neighbour, a lovely sunny afternoon.", "date", "2025-06-03"))
                .expect(201).json().get("id").asString();
        eventually(() -> writer.get("/api/journals/" + entry),
                r -> "completed".equals(r.json().path("analysis").path("status").asString()));

        try (ReadStores stores = new ReadStores(LocalStack.servers())) {
            // The AI loses its findings of the entry, behind the service's back.
            String findings = "SELECT count(*) FROM ai_entry_facts WHERE journal_entry_id = ?";
            stores.update(Servers.ANALYTICS_DB, "DELETE FROM ai_entry_facts WHERE journal_entry_id = ?",
                    UUID.fromString(entry));
            assertThat(stores.text(Servers.ANALYTICS_DB, findings, UUID.fromString(entry))).isEqualTo("0");

            rebuild("ai");
            // command-service replays every entry of the stack; each is analysed again, and embedded only if its
            // passages are missing. About 3,900 entries at this point of a full run (4 min once on a loaded
            // machine), so this waits longer than the other sinks' rebuilds.
            awaitRebuilt(() -> "completed".equals(stores.text(Servers.ANALYTICS_DB,
                    "SELECT outcome FROM ai_rebuilds ORDER BY requested_at DESC LIMIT 1"))
                    && "1".equals(stores.text(Servers.ANALYTICS_DB, findings, UUID.fromString(entry))),
                    Duration.ofMinutes(10));
        }
        assertThat(writer.get("/api/journals/" + entry).expect(200).json().path("analysis").path("status")
                .asString()).isEqualTo("completed");
    }

    private static void awaitRebuilt(BooleanSupplier done) throws InterruptedException {
        awaitRebuilt(done, Duration.ofMinutes(3));
    }

    private static void awaitRebuilt(BooleanSupplier done, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(done.getAsBoolean()).as("rebuilt within %s", patience).isTrue();
    }

    /** {@code ./mindflow rebuild <sink>}, as an operator runs it. */
    private static void rebuild(String sink) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("mindflow"))) {
            root = root.getParent();
        }
        Process process = new ProcessBuilder(root.resolve("mindflow").toString(), "rebuild", sink)
                .directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("./mindflow rebuild %s said: %s", sink, output).isZero();
    }

    private static List<String> ids(JsonNode items) {
        return items.valueStream().map(item -> item.get("id").asString()).toList();
    }

    private static List<String> actions(JsonNode activityPage) {
        return activityPage.get("items").valueStream().map(item -> item.get("action").asString()).toList();
    }

    /** A word no other entry in the shared test stack contains, so search counts are exact. */
    private static String uniqueWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
