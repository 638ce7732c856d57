package com.mindflow.command.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.command.ApiTestBase;
import com.mindflow.command.JournalEventsTap;
import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntryId;
import com.mindflow.command.journal.JournalEntryPurged;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.Topics;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.corpus.AttachmentCorpus;
import com.mindflow.testsupport.corpus.AttachmentCorpus.Sample;
import com.mindflow.testsupport.Servers;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Attachments end to end against the real PostgreSQL, S3 server and Kafka: each flow, each refusal, ownership on
 * every route, no orphan object after a failed commit, and the events read back from Kafka.
 */
class AttachmentsIT extends ApiTestBase {

    static final Servers SERVERS = LocalStack.servers();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A file name the test trigger refuses at commit time. */
    static final String FAIL_AT_COMMIT = "fail-at-commit.png";

    @Autowired
    S3Client s3;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeAll
    static void failingCommitTrigger(@Autowired JdbcClient jdbc) {
        // A deferred constraint trigger fires at COMMIT: the one way to make a real commit fail on demand.
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION attachments_it_fail_at_commit() RETURNS trigger AS $$
                BEGIN
                    IF NEW.file_name = '%s' THEN
                        RAISE EXCEPTION 'refused at commit by AttachmentsIT';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """.formatted(FAIL_AT_COMMIT)).update();
        jdbc.sql("DROP TRIGGER IF EXISTS attachments_it_fail_at_commit ON attachments").update();
        jdbc.sql("""
                CREATE CONSTRAINT TRIGGER attachments_it_fail_at_commit AFTER INSERT ON attachments
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION attachments_it_fail_at_commit()
                """).update();
    }

    @AfterAll
    static void dropTrigger(@Autowired JdbcClient jdbc) {
        jdbc.sql("DROP TRIGGER IF EXISTS attachments_it_fail_at_commit ON attachments").update();
        jdbc.sql("DROP FUNCTION IF EXISTS attachments_it_fail_at_commit()").update();
    }

    // ------------------------------------------------------------------------------------------- flows

    @Test
    void attachesAnImageWithAThumbnailAndPublishesAttachmentAdded() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        try (KafkaConsumer<String, String> consumer = consumerAtTheEnd()) {
            Path png = image(1280, 960, "png");
            HttpResponse<String> response = upload(ana, entry, png, "../../holiday\u202E.png", "text/plain");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(response.body());
            UUID id = UUID.fromString(body.path("id").asString());
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("/api/journals/" + entry + "/attachments/" + id);
            assertThat(body.path("fileName").asString()).isEqualTo("holiday.png");
            assertThat(body.path("mimeType").asString()).as("from the bytes, not the part's header")
                    .isEqualTo("image/png");
            assertThat(body.path("size").asLong()).isEqualTo(Files.size(png));
            assertThat(body.path("entryVersion").asInt()).isEqualTo(2);

            HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(
                    body.path("downloadUrl").asString())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(Files.readAllBytes(png));
            HttpResponse<byte[]> thumbnail = HTTP.send(HttpRequest.newBuilder(URI.create(
                    body.path("thumbnailUrl").asString())).build(), HttpResponse.BodyHandlers.ofByteArray());
            BufferedImage small = ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body()));
            assertThat(small.getWidth()).isEqualTo(320);
            assertThat(small.getHeight()).isEqualTo(240);

            String key = "users/" + ana.id + "/entries/" + entry + "/" + id;
            Map<String, Object> row = jdbc.sql("SELECT * FROM attachments WHERE id = ?").param(id).query().singleRow();
            assertThat(row).containsEntry("s3_key", key).containsEntry("thumbnail_s3_key", key + "-thumb.jpg")
                    .containsEntry("mime_type", "image/png").containsEntry("file_name", "holiday.png");
            assertThat((String) row.get("s3_url")).endsWith("/" + SERVERS.s3Bucket() + "/" + key);
            assertThat(entryVersion(entry)).isEqualTo(2);
            assertThat(objectKeys(ana, entry)).containsExactlyInAnyOrder(key, key + "-thumb.jpg");

            JsonNode added = awaitEvent(consumer, ana, "AttachmentAdded");
            assertThat(added.path("payload").path("attachmentId").asString()).isEqualTo(id.toString());
            assertThat(added.path("payload").path("entryId").asString()).isEqualTo(entry.toString());
            assertThat(added.path("payload").path("s3Key").asString()).isEqualTo(key);
            assertThat(added.path("payload").path("thumbnailS3Key").asString()).isEqualTo(key + "-thumb.jpg");
            assertThat(added.path("payload").path("entryVersion").asInt()).isEqualTo(2);
        }
    }

    @Test
    void attachesAPdfWithoutThumbnail() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        HttpResponse<String> response = upload(ana, entry, pdf(4096), "notes.pdf", "application/octet-stream");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("mimeType").asString()).isEqualTo("application/pdf");
        assertThat(body.path("thumbnailUrl").isNull()).isTrue();
        assertThat(objectKeys(ana, entry)).containsExactly("users/" + ana.id + "/entries/" + entry + "/"
                + body.path("id").asString());
    }

    @Test
    void removesAnAttachmentAndItsObjectsAndPublishesAttachmentRemoved() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        UUID id = attached(ana, entry, image(200, 100, "jpeg"));
        try (KafkaConsumer<String, String> consumer = consumerAtTheEnd()) {
            HttpResponse<String> response = delete(ana, entry, id);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            assertThat(jdbc.sql("SELECT deleted_at FROM attachments WHERE id = ?").param(id).query(Instant.class)
                    .single()).isNotNull();
            assertThat(entryVersion(entry)).isEqualTo(3);
            assertThat(objectKeys(ana, entry)).isEmpty();
            JsonNode removed = awaitEvent(consumer, ana, "AttachmentRemoved");
            assertThat(removed.path("payload").path("attachmentId").asString()).isEqualTo(id.toString());
            assertThat(removed.path("payload").path("entryVersion").asInt()).isEqualTo(3);
        }
        assertThat(delete(ana, entry, id).statusCode()).as("already removed").isEqualTo(404);
    }

    @Test
    void aFailedCommitLeavesNoObjectBehind() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        HttpResponse<String> response = upload(ana, entry, image(800, 600, "png"), FAIL_AT_COMMIT, "image/png");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(objectKeys(ana, entry)).isEmpty();
        assertThat(attachmentCount(entry)).isZero();
        assertThat(entryVersion(entry)).as("rolled back").isEqualTo(1);
    }

    @Test
    void aPurgedEntryTakesItsObjectsWithIt() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        attached(ana, entry, image(300, 300, "gif"));
        attached(ana, entry, pdf(1000));
        assertThat(objectKeys(ana, entry)).hasSize(3);

        // What the purge job does: announce inside its transaction, then hard-delete (attachments go by cascade).
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            events.publishEvent(new JournalEntryPurged(new JournalEntryId(entry), new AuthorId(ana.id)));
            jdbc.sql("DELETE FROM journal_entries WHERE id = ?").param(entry).update();
        });

        assertThat(attachmentCount(entry)).isZero();
        assertThat(objectKeys(ana, entry)).isEmpty();
    }

    @Test
    void aRolledBackPurgeKeepsTheObjects() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        attached(ana, entry, pdf(1000));
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new JournalEntryPurged(new JournalEntryId(entry), new AuthorId(ana.id)));
            status.setRollbackOnly();
        });
        assertThat(objectKeys(ana, entry)).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------- refusals

    @Test
    void refusesAFileThatIsNoAllowedTypeWhateverItClaims() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        Path html = Files.writeString(Files.createTempFile("fake", ".png"), "<html><script>alert(1)</script>");
        HttpResponse<String> response = upload(ana, entry, html, "photo.png", "image/png");
        assertProblem(response, 415, "file");
        assertThat(objectKeys(ana, entry)).isEmpty();
    }

    @Test
    void refusesAnEmptyFileAndAMissingPart() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        assertProblem(upload(ana, entry, Files.createTempFile("empty", ".jpg"), "empty.jpg", "image/jpeg"), 400,
                "file");
        HttpResponse<String> noPart = send(ana, HttpRequest.newBuilder(attachmentsUri(entry))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n"
                        + "hello\r\n--xyz--\r\n")));
        assertProblem(noPart, 400, "file");
        assertThat(objectKeys(ana, entry)).isEmpty();
    }

    @Test
    void refusesAnUploadOverFiftyMegabytesWith413() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        Path big = pdf(50 * 1024 * 1024 + 1);
        HttpResponse<String> response = upload(ana, entry, big, "big.pdf", "application/pdf");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(objectKeys(ana, entry)).isEmpty();
        Files.delete(big);
    }

    @Test
    void refusesADecompressionBomb() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        Path bomb = Files.write(Files.createTempFile("bomb", ".png"),
                AttachmentCorpus.pngHeader(60_000, 60_000));
        assertProblem(upload(ana, entry, bomb, "bomb.png", "image/png"), 422, "file");
        assertThat(objectKeys(ana, entry)).isEmpty();
    }

    /**
     * The hostile corpus, each file three times at once (the upload that once killed the service): every answer is
     * a 4xx problem naming the file part, or a stored file without a thumbnail; nothing is stored for a refusal.
     */
    @Test
    void everyHostileUploadIsRefusedOrStoredWithoutAThumbnail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (Sample sample : AttachmentCorpus.hostile()) {
                User owner = user();
                UUID entry = entry(owner);
                Path file = Files.write(Files.createTempFile("corpus-", "-" + sample.name()), sample.bytes());
                List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    uploads.add(pool.submit(() -> upload(owner, entry, file, sample.name(), "image/png")));
                }
                int stored = 0;
                for (Future<HttpResponse<String>> upload : uploads) {
                    HttpResponse<String> response = upload.get();
                    if (response.statusCode() == 201) {
                        stored++;
                        assertThat(JSON.readTree(response.body()).path("thumbnailUrl").isNull())
                                .as("%s: %s", sample, response.body()).isTrue();
                    }
                    else {
                        assertThat(response.statusCode()).as("%s: %s", sample, response.body()).isBetween(400, 499);
                        assertProblem(response, response.statusCode(), "file");
                    }
                }
                assertThat(objectKeys(owner, entry)).as(sample.toString()).hasSize(stored);
                Files.delete(file);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAFileBeyondTheAccountsFiveGigabytesWith413() throws Exception {
        User ana = user(true);
        UUID old = entry(ana);
        // 103 files of 50 MB stored earlier (rows are what the quota counts): just over 5 GB.
        jdbc.sql("""
                INSERT INTO attachments (journal_entry_id, file_name, file_size, mime_type, s3_key, s3_url)
                SELECT ?, 'old.pdf', 52428800, 'application/pdf', 'k' || g, 'u' || g FROM generate_series(1, 103) g
                """).param(old).update();
        UUID today = UUID.randomUUID();
        jdbc.sql("INSERT INTO journal_entries (id, user_id, date, title, content) VALUES (?, ?, ?, 'Day', 'Text')")
                .params(today, ana.id, LocalDate.of(2024, 1, 2)).update();

        HttpResponse<String> refused = upload(ana, today, pdf(1000), "one-more.pdf", "application/pdf");
        assertProblem(refused, 413, "file");
        assertThat(refused.body()).contains("storage-quota-exceeded");
        assertThat(objectKeys(ana, today)).isEmpty();

        // Removing files makes room again.
        jdbc.sql("UPDATE attachments SET deleted_at = now() WHERE journal_entry_id = ? AND s3_key IN ('k1', 'k2')")
                .param(old).update();
        assertThat(upload(ana, today, pdf(1000), "fits.pdf", "application/pdf").statusCode()).isEqualTo(201);
    }

    @Test
    void anAccountThatHasNotVerifiedItsAddressStoresAHundredMegabytes() throws Exception {
        User unverified = user(false);
        User verified = user(true);
        for (User user : List.of(unverified, verified)) {
            UUID old = entry(user);
            // Two files of 50 MB stored earlier: exactly 100 MB.
            jdbc.sql("""
                    INSERT INTO attachments (journal_entry_id, file_name, file_size, mime_type, s3_key, s3_url)
                    SELECT ?, 'old.pdf', 52428800, 'application/pdf', 'k' || g, 'u' || g FROM generate_series(1, 2) g
                    """).param(old).update();
        }
        HttpResponse<String> refused = upload(unverified, entry(unverified, LocalDate.of(2024, 2, 2)), pdf(1000),
                "more.pdf", "application/pdf");
        assertProblem(refused, 413, "file");
        assertThat(refused.body()).contains("storage-quota-exceeded").contains("104857600 bytes");
        assertThat(upload(verified, entry(verified, LocalDate.of(2024, 2, 2)), pdf(1000), "more.pdf",
                "application/pdf").statusCode()).isEqualTo(201);
    }

    @Test
    void refusesTheTwentyFirstAttachment() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        for (int i = 0; i < 20; i++) {
            jdbc.sql("""
                    INSERT INTO attachments (journal_entry_id, file_name, file_size, mime_type, s3_key, s3_url)
                    VALUES (?, 'x.pdf', 1, 'application/pdf', 'k', 'u')
                    """).param(entry).update();
        }
        HttpResponse<String> response = upload(ana, entry, pdf(100), "one-too-many.pdf", "application/pdf");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("too-many-attachments");
        assertThat(objectKeys(ana, entry)).isEmpty();
    }

    @Test
    void refusesAnonymousCallsOnEveryRoute() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        UUID id = attached(ana, entry, pdf(100));
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(attachmentsUri(entry))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(BodyPublishers.ofString("--xyz--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(URI.create(attachmentsUri(entry) + "/" + id))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(delete.statusCode()).isEqualTo(401);
        assertThat(attachmentCount(entry)).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------- ownership

    @Test
    void anotherUsersEntryIsNotFoundAndGetsNothingStored() throws Exception {
        User ana = user();
        User bob = user();
        UUID anasEntry = entry(ana);
        HttpResponse<String> response = upload(bob, anasEntry, pdf(100), "intruder.pdf", "application/pdf");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(objectKeys(ana, anasEntry)).isEmpty();
        assertThat(objectKeys(bob, anasEntry)).isEmpty();
        assertThat(entryVersion(anasEntry)).isEqualTo(1);
    }

    @Test
    void anotherUsersAttachmentCannotBeRemoved() throws Exception {
        User ana = user();
        User bob = user();
        UUID anasEntry = entry(ana);
        UUID bobsEntry = entry(bob);
        UUID id = attached(ana, anasEntry, pdf(100));

        assertThat(delete(bob, anasEntry, id).statusCode()).isEqualTo(404);
        assertThat(delete(bob, bobsEntry, id).statusCode()).as("under his own entry").isEqualTo(404);
        assertThat(objectKeys(ana, anasEntry)).hasSize(1);
        assertThat(entryVersion(anasEntry)).isEqualTo(2);
    }

    @Test
    void aDeletedEntryIsNotFoundOnEveryRoute() throws Exception {
        User ana = user();
        UUID entry = entry(ana);
        UUID id = attached(ana, entry, pdf(100));
        jdbc.sql("UPDATE journal_entries SET deleted_at = now() WHERE id = ?").param(entry).update();

        assertThat(upload(ana, entry, pdf(100), "late.pdf", "application/pdf").statusCode()).isEqualTo(404);
        assertThat(delete(ana, entry, id).statusCode()).isEqualTo(404);
        assertThat(objectKeys(ana, entry)).as("kept until the purge: the entry may be restored").hasSize(1);
        assertThat(upload(ana, UUID.randomUUID(), pdf(100), "nowhere.pdf", "application/pdf").statusCode())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------- helpers

    record User(UUID id, String token) {
    }

    User user() {
        return user(false);
    }

    /** @param emailVerified what the token says about the account's address (it decides the storage quota) */
    User user(boolean emailVerified) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO users (id, email, password_hash, display_name) VALUES (?, ?, 'x', 'Attachment IT')")
                .params(id, "attach-" + id + "@example.com").update();
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().putAll("session:" + sid, Map.of("userId", id.toString(), "roles", "user"));
        redis.expire("session:" + sid, Duration.ofMinutes(10));
        return new User(id, ISSUER.rs256(ISSUER.claims(id, sid).claim("email_verified", emailVerified).build()));
    }

    UUID entry(User user) {
        return entry(user, LocalDate.of(2024, 1, 1));
    }

    UUID entry(User user, LocalDate date) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO journal_entries (id, user_id, date, title, content) VALUES (?, ?, ?, 'Day', 'Text')")
                .params(id, user.id, date).update();
        return id;
    }

    UUID attached(User user, UUID entry, Path file) throws Exception {
        HttpResponse<String> response = upload(user, entry, file, file.getFileName().toString(), "x/y");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.body()).path("id").asString());
    }

    HttpResponse<String> upload(User user, UUID entry, Path file, String fileName, String contentType)
            throws Exception {
        String boundary = "mindflow-" + UUID.randomUUID();
        return send(user, HttpRequest.newBuilder(attachmentsUri(entry))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(multipart(boundary, file, fileName, contentType)));
    }

    static BodyPublisher multipart(String boundary, Path file, String fileName, String contentType) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            return BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(file),
                    BodyPublishers.ofByteArray(tail));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> delete(User user, UUID entry, UUID attachment) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create(attachmentsUri(entry) + "/" + attachment)).DELETE());
    }

    HttpResponse<String> send(User user, HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Authorization", "Bearer " + user.token).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    URI attachmentsUri(UUID entry) {
        return URI.create("http://127.0.0.1:" + port + "/api/journals/" + entry + "/attachments");
    }

    static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors.valueStream().map(e -> e.path("field").asString()).toList()).contains(field);
    }

    List<String> objectKeys(User user, UUID entry) {
        String prefix = "users/" + user.id + "/entries/" + entry + "/";
        return s3.listObjectsV2(r -> r.bucket(SERVERS.s3Bucket()).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    int entryVersion(UUID entry) {
        return jdbc.sql("SELECT version FROM journal_entries WHERE id = ?").param(entry).query(Integer.class).single();
    }

    int attachmentCount(UUID entry) {
        return jdbc.sql("SELECT count(*) FROM attachments WHERE journal_entry_id = ?").param(entry)
                .query(Integer.class).single();
    }

    static Path image(int width, int height, String format) throws IOException {
        Path file = Files.createTempFile("image-", "." + format);
        ImageIO.write(AttachmentCorpus.picture(width, height), format,
                file.toFile());
        return file;
    }

    /** A file that starts like a PDF, of exactly {@code size} bytes (written without holding it in memory). */
    static Path pdf(long size) throws IOException {
        Path file = Files.createTempFile("document-", ".pdf");
        try (var out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            out.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            out.setLength(size);
        }
        return file;
    }

    static KafkaConsumer<String, String> consumerAtTheEnd() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "attachments-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = JournalEventsTap.partitions(consumer);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // the end as of now, before the event is written
        return consumer;
    }

    /** The envelope of the first {@code type} event keyed by the user (the record key must be the user id). */
    static JsonNode awaitEvent(KafkaConsumer<String, String> consumer, User user, String type) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                String eventType = new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(),
                        StandardCharsets.UTF_8);
                if (user.id.toString().equals(record.key()) && type.equals(eventType)) {
                    return JSON.readTree(record.value());
                }
            }
        }
        throw new AssertionError("No " + type + " keyed by user " + user.id + " on " + Topics.JOURNAL_ENTRIES);
    }
}
