package com.mindflow.command.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.mindflow.testsupport.LocalStack;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Measures an export of ten years of daily entries (3,650, about 1,500 characters each) with 64 MB of attachments
 * (1 GB with {@code -Dmindflow.export.measure.attachments=1024}):
 * wall time, the archive's size, and the heap of the application while it exports. The live heap (sampled after a
 * full GC every 250 ms) before and during the export is what "never holds the journal in memory" means; the raw
 * peak (garbage included) is printed too. Asserts only the archive's completeness; the numbers are reported in
 * docs/performance.md. A benchmark, not part of the test suite (failsafe runs {@code *IT}).
 */
class DataExportBenchmark extends ExportTestBase {

    private static final int DAYS = 3_650;
    /** 64 in CI; {@code -Dmindflow.export.measure.attachments=1024} gives the 1 GB. */
    private static final int ATTACHMENTS = Integer.getInteger("mindflow.export.measure.attachments", 64);
    private static final int ATTACHMENT_BYTES = 1 << 20;

    @Autowired
    private S3Client s3;

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Test
    void tenYearsOfDailyEntriesWithTheirAttachments() throws Exception {
        Caller writer = newUser();
        List<UUID> entries = insertJournal(writer.id());
        insertAttachments(writer.id(), entries);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long liveBefore = liveHeapMax(memory, Duration.ofSeconds(2));

        AtomicBoolean exporting = new AtomicBoolean(true);
        AtomicLong liveDuring = new AtomicLong();
        AtomicLong rawPeak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().start(() -> {
            long nextGc = 0;
            while (exporting.get()) {
                rawPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                if (System.nanoTime() >= nextGc) {
                    System.gc();
                    liveDuring.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    nextGc = System.nanoTime() + 250_000_000L;
                }
                sleep(5);
            }
        });
        Response started = post(writer, "/api/me/export", null);
        JsonNode done;
        try {
            done = awaitFinished(writer, started.header("Location"));
        }
        finally {
            exporting.set(false);
            sampler.join();
        }

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("entriesDone").asInt()).isEqualTo(DAYS);
        var timing = jdbc.sql("""
                SELECT extract(epoch FROM completed_at - started_at) AS seconds, size_bytes FROM data_exports
                WHERE id = :id""").param("id", UUID.fromString(done.get("id").asString()))
                .query((rs, row) -> Map.of("seconds", rs.getDouble("seconds"), "bytes", rs.getLong("size_bytes")))
                .single();
        long maxHeap = memory.getHeapMemoryUsage().getMax();
        System.out.printf("EXPORT MEASURE: %d entries + %d MB attachments -> %.1f MB archive in %.1f s; live heap "
                        + "before %.1f MB, during (max) %.1f MB; raw peak during %.1f MB; -Xmx %.0f MB%n", DAYS,
                (long) ATTACHMENTS * ATTACHMENT_BYTES >> 20, (long) timing.get("bytes") / 1048576.0,
                (double) timing.get("seconds"), liveBefore / 1048576.0, liveDuring.get() / 1048576.0,
                rawPeak.get() / 1048576.0, maxHeap / 1048576.0);
        jdbc.sql("DELETE FROM users WHERE id = :id").param("id", writer.id()).update();
        String bucket = LocalStack.servers().s3Bucket();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("users/" + writer.id() + "/")).contents()
                .forEach(object -> s3.deleteObject(r -> r.bucket(bucket).key(object.key())));
    }

    private List<UUID> insertJournal(UUID user) {
        Random random = new Random(42);
        String words = "morning walk coffee river work friends rain quiet reading garden music tired happy plans";
        String[] vocabulary = words.split(" ");
        List<UUID> ids = new ArrayList<>(DAYS);
        LocalDate first = LocalDate.of(2015, 1, 1);
        List<Object[]> batch = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            StringBuilder content = new StringBuilder();
            while (content.length() < 1_500) {
                content.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
            }
            UUID id = UUID.randomUUID();
            ids.add(id);
            Timestamp at = Timestamp.from(Instant.parse("2015-01-01T20:00:00Z").plus(Duration.ofDays(day)));
            batch.add(new Object[] { id, user, first.plusDays(day), "Day " + day, content.toString(), at, at });
        }
        for (int from = 0; from < batch.size(); from += 500) {
            // One round trip and one commit per 500 rows: a statement each took minutes.
            jdbcTemplate.batchUpdate("""
                    INSERT INTO journal_entries (id, user_id, date, title, content, mood, word_count,
                                                 created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'neutral', 250, ?, ?)""", batch.subList(from, Math.min(batch.size(),
                    from + 500)));
        }
        return ids;
    }

    private void insertAttachments(UUID user, List<UUID> entries) {
        String bucket = LocalStack.servers().s3Bucket();
        Random random = new Random(7);
        byte[] bytes = new byte[ATTACHMENT_BYTES];
        for (int i = 0; i < ATTACHMENTS; i++) {
            random.nextBytes(bytes); // incompressible, as photos are
            UUID entry = entries.get(i * (entries.size() / ATTACHMENTS));
            UUID id = UUID.randomUUID();
            String key = "users/" + user + "/entries/" + entry + "/" + id;
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
            jdbc.sql("""
                    INSERT INTO attachments (id, journal_entry_id, file_name, file_size, mime_type, s3_key, s3_url)
                    VALUES (?, ?, ?, ?, 'image/jpeg', ?, ?)""")
                    .params(id, entry, "photo " + i + ".jpg", ATTACHMENT_BYTES, key, "s3://" + key).update();
        }
    }

    private static long liveHeapMax(MemoryMXBean memory, Duration over) {
        long max = 0;
        Instant end = Instant.now().plus(over);
        while (Instant.now().isBefore(end)) {
            System.gc();
            max = Math.max(max, memory.getHeapMemoryUsage().getUsed());
            sleep(250);
        }
        return max;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
