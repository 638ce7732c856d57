package com.mindflow.command.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import com.mindflow.command.JobProgressProbe;
import com.mindflow.command.export.DataExports.Claim;
import com.mindflow.support.live.JobProgress;
import com.mindflow.testsupport.LocalStack;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;

/**
 * The data export against the real servers: the archive as format 1 describes it, one export in progress per user,
 * only the owner sees an export, the 7-day sweep, and several workers never running the same export.
 */
class DataExportIT extends ExportTestBase {

    private static final String BUCKET = LocalStack.servers().s3Bucket();

    @Autowired
    private S3Client s3;

    @Autowired
    private ExportWorker worker;

    @Autowired
    private ExportSweep sweep;

    @Test
    void theArchiveHoldsTheWholeJournalAsFormatOneDescribesIt() throws Exception {
        Caller ana = newUser();
        String first = post(ana, "/api/journals", """
                {"date": "2025-01-02", "title": "A \\"quoted\\" title\\n---", "content": "# Run\\n\\nTen km.",
                 "mood": "happy", "tags": ["Run", "family"], "location": "Lisbon", "weather": "Sunny, 14°C"}""")
                .json().get("id").asString();
        String second = post(ana, "/api/journals", """
                {"date": "2025-01-03", "title": "Only mine", "content": "secret words", "isPrivate": true}""")
                .json().get("id").asString();
        byte[] png = png();
        String attachment = upload(ana, first, png, "my photo (1).png").json().get("id").asString();
        Caller bob = newUser();
        post(bob, "/api/journals", """
                {"date": "2025-01-02", "title": "Bob's", "content": "not ana's"}""");

        Response started = post(ana, "/api/me/export", null);

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).isEqualTo("/api/me/export/" + started.json().get("id").asString());
        assertThat(started.json().get("status").asString()).isIn("queued", "running", "completed");
        JsonNode done = awaitFinished(ana, location);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("entriesDone").asInt()).isEqualTo(2);
        assertThat(done.get("entriesTotal").asInt()).isEqualTo(2);
        Instant expiresAt = Instant.parse(done.get("expiresAt").asString());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(14)),
                Instant.now().plus(Duration.ofMinutes(16)));
        String again = call("GET", location, ana.token(), null, Map.of()).json().get("downloadUrl").asString();
        assertThat(again).as("a fresh URL on every read").isNotNull();

        Map<String, byte[]> files = unzip(download(done.get("downloadUrl").asString()));

        String path = "journal/2025-01-02/" + attachment + "-my_photo__1_.png";
        assertThat(files.keySet()).containsExactlyInAnyOrder("journal/2025-01-02.md", path, "journal/2025-01-03.md",
                "entries.json", "entries.schema.json", "README.txt");
        assertThat(files.get(path)).isEqualTo(png);

        String entriesJson = new String(files.get("entries.json"), StandardCharsets.UTF_8);
        List<Error> errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(new String(files.get("entries.schema.json"), StandardCharsets.UTF_8))
                .validate(JSON.readTree(entriesJson));
        assertThat(errors).isEmpty();
        JsonNode archive = JSON.readTree(entriesJson);
        assertThat(archive.get("format").asString()).isEqualTo("mindflow-export");
        assertThat(archive.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(archive.get("profile").get("userId").asString()).isEqualTo(ana.id().toString());
        assertThat(archive.get("settings").get("autoSave").asBoolean()).isTrue();
        assertThat(archive.get("consentHistory").size()).isEqualTo(1);
        assertThat(archive.get("streaks").get("totalEntries").asInt()).isEqualTo(2);
        assertThat(archive.get("insights").size()).isZero();
        JsonNode entries = archive.get("entries");
        assertThat(entries.size()).isEqualTo(2);
        JsonNode run = entries.get(0);
        assertThat(run.get("id").asString()).isEqualTo(first);
        assertThat(run.get("title").asString()).isEqualTo("A \"quoted\" title\n---");
        assertThat(run.get("content").asString()).isEqualTo("# Run\n\nTen km.");
        assertThat(run.get("mood").asString()).isEqualTo("happy");
        assertThat(run.get("tags").valueStream().map(JsonNode::asString)).containsExactly("family", "run");
        assertThat(run.get("location").asString()).isEqualTo("Lisbon");
        assertThat(run.get("weather").asString()).isEqualTo("Sunny, 14°C");
        assertThat(run.get("isPrivate").asBoolean()).isFalse();
        JsonNode photo = run.get("attachments").get(0);
        assertThat(photo.get("fileName").asString()).isEqualTo("my photo (1).png");
        assertThat(photo.get("contentType").asString()).isEqualTo("image/png");
        assertThat(photo.get("sizeBytes").asLong()).isEqualTo(png.length);
        assertThat(photo.get("sha256").asString()).isEqualTo(sha256(png));
        assertThat(photo.get("path").asString()).isEqualTo(path);
        JsonNode secret = entries.get(1);
        assertThat(secret.get("id").asString()).isEqualTo(second);
        assertThat(secret.get("isPrivate").asBoolean()).as("private entries are the user's too").isTrue();
        assertThat(secret.get("attachments").size()).isZero();

        String markdown = new String(files.get("journal/2025-01-02.md"), StandardCharsets.UTF_8);
        assertThat(markdown).startsWith("---\nid: " + first + "\ndate: 2025-01-02\n")
                .contains("\ntitle: \"A \\\"quoted\\\" title\\n---\"\n", "\nmood: happy\n",
                        "\ntags: [\"family\",\"run\"]\n", "\nlocation: \"Lisbon\"\n", "\nprivate: false\n",
                        "\nversion: 2\n", "\nattachments: [\"" + path + "\"]\n")
                .endsWith("\n---\n\n# Run\n\nTen km.\n");
        assertThat(new String(files.get("journal/2025-01-03.md"), StandardCharsets.UTF_8))
                .contains("\nprivate: true\n", "\nmood: null\n", "\nattachments: []\n");

        assertThat(outboxEvents(ana.id())).contains("UserDataExportRequested", "UserDataExportCompleted");
    }

    @Test
    void progressIsPushedToTheUsersChannelUntilTheArchiveIsReady() throws Exception {
        Caller ana = newUser();
        for (int day = 1; day <= 3; day++) {
            post(ana, "/api/journals", """
                    {"date": "2025-02-0%d", "title": "Day %d", "content": "words"}""".formatted(day, day));
        }
        try (JobProgressProbe probe = JobProgressProbe.listen(redis, ana.id())) {
            String location = post(ana, "/api/me/export", null).header("Location");
            UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

            List<JobProgress> pushed = probe.untilFinished(JobProgress.EXPORT);

            assertThat(pushed).extracting(JobProgress::jobId).containsOnly(id);
            assertThat(pushed).extracting(JobProgress::userId).containsOnly(ana.id());
            assertThat(pushed.getFirst().status()).isEqualTo("running");
            assertThat(pushed.getFirst().percent()).isLessThan(100);
            JobProgress last = pushed.getLast();
            assertThat(last).isEqualTo(new JobProgress(JobProgress.EXPORT, id, ana.id(), "completed", 100, 3, 3));
            JsonNode status = awaitFinished(ana, location);
            assertThat(status.get("percent").asInt()).isEqualTo(last.percent());
            assertThat(status.get("entriesDone").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aSecondExportWhileOneIsInProgressIs429AndTheDatabaseRefusesItToo() {
        Caller ana = newUser();
        // In progress, with a fresh heartbeat: no worker takes it over.
        UUID running = insertExport(ana.id(), "running", Instant.now());

        Response second = post(ana, "/api/me/export", null);

        assertThat(second.status()).as(second.toString()).isEqualTo(429);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(second.header("Retry-After")).isEqualTo("30");
        assertThat(second.json().get("code").asString()).isEqualTo("export-in-progress");
        assertThat(second.json().get("export").asString()).isEqualTo("/api/me/export/" + running);
        assertThatThrownBy(() -> insertExport(ana.id(), "queued", null))
                .as("the partial unique index, not only the check").isInstanceOf(DuplicateKeyException.class);
        jdbc.sql("DELETE FROM data_exports WHERE user_id = :user").param("user", ana.id()).update();
    }

    @Test
    void onlyTheOwnerSeesAnExport() throws Exception {
        Caller ana = newUser();
        Caller bob = newUser();
        String location = post(ana, "/api/me/export", null).header("Location");

        assertThat(call("GET", location, bob.token(), null, Map.of()).status()).isEqualTo(404);
        assertThat(call("GET", "/api/me/export/" + UUID.randomUUID(), ana.token(), null, Map.of()).status())
                .isEqualTo(404);
        assertThat(call("GET", location, null, null, Map.of()).status()).isEqualTo(401);
        assertThat(call("POST", "/api/me/export", null, null, Map.of()).status()).isEqualTo(401);
        assertThat(call("GET", "/api/me/export/not-a-uuid", ana.token(), null, Map.of()).status()).isEqualTo(400);
        assertThat(awaitFinished(ana, location).get("status").asString()).isEqualTo("completed");
        assertThat(call("GET", location, bob.token(), null, Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theSweepRemovesArchiveAndRowSevenDaysAfterCompletion() throws Exception {
        Caller ana = newUser();
        String location = post(ana, "/api/me/export", null).header("Location");
        JsonNode done = awaitFinished(ana, location);
        UUID id = UUID.fromString(done.get("id").asString());
        String key = ExportWorker.archiveKey(ana.id(), new DataExportId(id));
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key(key)).contentLength()).isPositive();

        clock.moveBy(Duration.ofDays(6));
        sweep.sweep();
        assertThat(call("GET", location, ana.token(), null, Map.of()).status()).isEqualTo(200);

        clock.moveBy(Duration.ofDays(1).plusMinutes(1));
        sweep.sweep();

        assertThat(call("GET", location, ana.token(), null, Map.of()).status()).isEqualTo(404);
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(BUCKET).key(key)))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void twoWorkersNeverClaimTheSameExportAndAStaleOneIsClaimedAgain() throws Exception {
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Running with a stale heartbeat: claimable, as after a crash.
            mine.add(insertExport(newUser().id(), "running", Instant.now().minus(Duration.ofHours(1))));
        }
        Set<UUID> claimedByA = ConcurrentHashMap.newKeySet();
        Set<UUID> claimedByB = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            Future<?> a = two.submit(() -> claimAll(start, claimedByA));
            Future<?> b = two.submit(() -> claimAll(start, claimedByB));
            start.countDown();
            a.get();
            b.get();
        }

        assertThat(claimedByA).doesNotContainAnyElementsOf(claimedByB);
        // Whoever claimed them (these two, or another instance's worker), each was claimed exactly once.
        for (UUID id : mine) {
            assertThat(jdbc.sql("SELECT attempts FROM data_exports WHERE id = :id").param("id", id)
                    .query(Integer.class).single()).as("claims of %s", id).isEqualTo(2);
        }

        jdbc.sql("DELETE FROM data_exports WHERE id IN (:ids)").param("ids", mine).update();

        // A worker died three minutes ago: the export is claimed again (by this worker, or another instance's).
        UUID stale = insertExport(newUser().id(), "running", Instant.now().minus(Duration.ofMinutes(3)));
        UUID firstClaim = claimOf(stale);
        for (int i = 0; i < 100 && claimOf(stale).equals(firstClaim); i++) {
            worker.claim();
        }
        assertThat(claimOf(stale)).as("claimed again after its heartbeat went stale").isNotEqualTo(firstClaim);
        jdbc.sql("DELETE FROM data_exports WHERE id = :id").param("id", stale).update();
    }

    private void claimAll(CountDownLatch start, Set<UUID> claimed) {
        try {
            start.await();
        }
        catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        for (var claim = worker.claim(); claim.isPresent(); claim = worker.claim()) {
            claimed.add(claim.map(Claim::id).orElseThrow().value());
        }
    }

    private UUID claimOf(UUID export) {
        return jdbc.sql("SELECT claim_id FROM data_exports WHERE id = :id").param("id", export)
                .query(UUID.class).single();
    }

    /** An export row as a worker would have left it; attempts 1 (one claim before). */
    private UUID insertExport(UUID user, String status, Instant heartbeat) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO data_exports (id, user_id, status, account, requested_at, heartbeat_at, claim_id, attempts,
                                          remove_after)
                VALUES (:id, :user, :status, '{}', now(), :heartbeat, :claim, 1, now() + interval '7 days')
                """)
                .param("id", id).param("user", user).param("status", status)
                .param("heartbeat", heartbeat == null ? null : Timestamp.from(heartbeat))
                .param("claim", UUID.randomUUID()).update();
        return id;
    }

    private List<String> outboxEvents(UUID user) {
        return jdbc.sql("SELECT event_type FROM outbox_events WHERE user_id = :user").param("user", user)
                .query(String.class).list();
    }

    private Response upload(Caller caller, String entry, byte[] bytes, String fileName) throws Exception {
        String boundary = "mindflow-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/journals/" + entry + "/attachments"))
                .header("Authorization", "Bearer " + caller.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(bytes),
                        BodyPublishers.ofByteArray(tail)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Response(response);
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 24; y++) {
                image.setRGB(x, y, (x * 8) << 16 | (y * 10) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
