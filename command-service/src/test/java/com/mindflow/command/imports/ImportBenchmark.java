package com.mindflow.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mindflow.testsupport.corpus.ImportFiles;
import com.mindflow.testsupport.corpus.ImportFiles.MindflowEntry;

import tools.jackson.databind.JsonNode;

/**
 * Measures the target, 3,000 entries imported (at most 60 s): a MindFlow archive of 3,000 daily entries with
 * tags and moods, 30 of them with a photo. Prints each phase: upload and check (until the 202), writing (until
 * completed), the outbox relay (until every event of the import is published to Kafka), and the same file again
 * (all duplicates). Asserts the outcome only; the numbers are reported, not asserted.
 */
class ImportBenchmark extends ImportTestBase {

    static final int ENTRIES = 3_000;

    @Test
    void measures3000Entries() {
        Caller ana = newUser();
        byte[] photo = ImportFiles.png();
        List<MindflowEntry> entries = new ArrayList<>(ENTRIES);
        LocalDate first = LocalDate.of(2015, 1, 1);
        String[] moods = { "ecstatic", "happy", "neutral", "sad", "anxious", "angry" };
        for (int i = 0; i < ENTRIES; i++) {
            MindflowEntry entry = MindflowEntry.of(first.plusDays(i).toString(), "Day " + i,
                    ("Walked to the harbour and wrote about it, entry number " + i + ". ").repeat(8),
                    moods[i % moods.length], "daily", "tag" + (i % 40), "year" + first.plusDays(i).getYear());
            entries.add(i % 100 == 0 ? entry.with("Porto", "sunny", false, Map.of("photo.png", photo)) : entry);
        }
        long buildStart = System.nanoTime();
        byte[] archive = ImportFiles.mindflowArchive(entries);
        long built = System.nanoTime();

        long postStart = System.nanoTime();
        var started = upload(ana, archive, "export.zip", null);
        long accepted = System.nanoTime();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode done = awaitFinished(ana, started.headers().firstValue("Location").orElseThrow());
        long completed = System.nanoTime();
        assertThat(done.at("/counts/imported").asInt()).isEqualTo(ENTRIES);
        Instant relayDeadline = Instant.now().plus(Duration.ofMinutes(5));
        long unpublished;
        do {
            unpublished = jdbc.sql("SELECT count(*) FROM outbox_events WHERE user_id = :u AND published_at IS NULL")
                    .param("u", ana.id()).query(Long.class).single();
            assertThat(Instant.now()).as("outbox drained").isBefore(relayDeadline);
        } while (unpublished > 0 && sleep());
        long published = System.nanoTime();
        long events = jdbc.sql("SELECT count(*) FROM outbox_events WHERE user_id = :u").param("u", ana.id())
                .query(Long.class).single();

        long againStart = System.nanoTime();
        JsonNode again = awaitFinished(ana, upload(ana, archive, "export.zip", null).headers()
                .firstValue("Location").orElseThrow());
        long againDone = System.nanoTime();
        assertThat(again.at("/counts/duplicates").asInt()).isEqualTo(ENTRIES);
        assertThat(entries(ana.id())).isEqualTo(ENTRIES);

        System.out.printf("""
                IMPORT MEASURE: %d entries (%d with a photo), archive %d KB, built in %d ms
                  upload + check (until 202):      %6d ms
                  writing (202 until completed):   %6d ms  (server: %s .. %s)
                  total until completed:           %6d ms  (%.2f ms per entry)
                  outbox relayed to Kafka after:   %6d ms  (%d events)
                  same file again (all duplicates): %5d ms
                """, ENTRIES, ENTRIES / 100, archive.length / 1024, (built - buildStart) / 1_000_000,
                (accepted - postStart) / 1_000_000, (completed - accepted) / 1_000_000,
                done.get("startedAt").asString(), done.get("finishedAt").asString(),
                (completed - postStart) / 1_000_000, (completed - postStart) / 1e6 / ENTRIES,
                (published - completed) / 1_000_000, events, (againDone - againStart) / 1_000_000);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
