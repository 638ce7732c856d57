package com.mindflow.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mindflow.system.client.ReadStores;
import com.mindflow.system.resilience.Load.Writer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/** After a fault: the derived stores hold exactly what the write database holds, each event applied once. */
final class Convergence {

    /**
     * Writers go a day back in time per entry, years back. Mood events past the seed's one-year retention are
     * dropped by the hourly analytics maintenance (a run during the load removes the older ones written before
     * it), so analytics is held to the entries well inside the horizon; older ones may be there, at most once.
     */
    private static final int RETAINED_DAYS = 360;

    private Convergence() {
    }

    /**
     * Every acknowledged write is in the write database; the read model and the search index hold exactly its
     * entries at its versions; analytics and the audit trail applied each entry's creation once.
     */
    static void assertConverged(List<Writer> writers) throws Exception {
        try (ReadStores stores = new ReadStores(LocalStack.servers())) {
            for (Writer writer : writers) {
                assertThat(writer.acknowledged()).as("writes acknowledged under load").hasSizeGreaterThan(10);
                Map<String, Long> written = stores.versions(Servers.WRITE_DB,
                        "SELECT id::text, version FROM journal_entries WHERE user_id = ? AND deleted_at IS NULL",
                        writer.userId());
                writer.acknowledged().forEach((id, version) -> assertThat(written.get(id))
                        .as("acknowledged entry %s", id).isNotNull().isGreaterThanOrEqualTo(version));
                // Every sink has its own consumer group and its own backlog after a fault: wait for all of them, and
                // say how long each took (analytics, with the AI's events on top of the journal's, is the slowest).
                LocalDate horizon = LocalDate.now(ZoneOffset.UTC).minusDays(RETAINED_DAYS);
                Map<String, Long> retained = stores.versions(Servers.WRITE_DB,
                        "SELECT id::text, version FROM journal_entries WHERE user_id = ? AND deleted_at IS NULL "
                                + "AND date >= DATE '" + horizon + "'", writer.userId());
                Instant start = Instant.now();
                Instant deadline = start.plus(Duration.ofMinutes(5));
                Map<String, Long> read = Map.of();
                Map<String, Long> searched = Map.of();
                Map<String, Long> moodEvents = Map.of();
                Map<String, Long> allMoodEvents = Map.of();
                Map<String, Long> audited = Map.of();
                Map<String, Duration> caughtUp = new LinkedHashMap<>();
                while (Instant.now().isBefore(deadline)) {
                    read = stores.versions(Servers.READ_DB,
                            "SELECT id::text, version FROM journals_view WHERE user_id = ?", writer.userId());
                    searched = stores.searchVersions(writer.userId());
                    allMoodEvents = stores.versions(Servers.ANALYTICS_DB,
                            "SELECT journal_entry_id::text, count(*) FROM mood_events WHERE user_id = ? "
                                    + "GROUP BY journal_entry_id", writer.userId());
                    moodEvents = stores.versions(Servers.ANALYTICS_DB,
                            "SELECT journal_entry_id::text, count(*) FROM mood_events WHERE user_id = ? "
                                    + "AND time >= TIMESTAMPTZ '" + horizon + " 00:00:00+00' GROUP BY journal_entry_id",
                            writer.userId());
                    audited = stores.auditedPerEntry(writer.userId(), "ENTRY_CREATE");
                    Duration now = Duration.between(start, Instant.now());
                    if (read.equals(written)) {
                        caughtUp.putIfAbsent("read model", now);
                    }
                    if (searched.equals(written)) {
                        caughtUp.putIfAbsent("search", now);
                    }
                    if (moodEvents.keySet().equals(retained.keySet())) {
                        caughtUp.putIfAbsent("analytics", now);
                    }
                    if (audited.keySet().equals(written.keySet())) {
                        caughtUp.putIfAbsent("audit", now);
                    }
                    if (caughtUp.size() == 4) {
                        break;
                    }
                    Thread.sleep(500);
                }
                System.out.printf("CONVERGENCE %d entries (%d inside analytics retention): %s%n", written.size(),
                        retained.size(), caughtUp);
                assertThat(read).as("the read model converges on the write database")
                        .containsExactlyInAnyOrderEntriesOf(written);
                assertThat(searched).as("the search index converges on the write database")
                        .containsExactlyInAnyOrderEntriesOf(written);
                assertThat(retained).as("entries inside analytics retention").hasSizeGreaterThan(10);
                assertThat(moodEvents.keySet()).as("mood events inside retention")
                        .containsExactlyInAnyOrderElementsOf(retained.keySet());
                assertThat(written.keySet()).as("mood events only of written entries")
                        .containsAll(allMoodEvents.keySet());
                assertThat(allMoodEvents.values()).as("mood events per entry").containsOnly(1L);
                assertThat(audited.values()).as("ENTRY_CREATE audit records per entry").containsOnly(1L);
                assertThat(audited.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
            }
        }
    }
}
