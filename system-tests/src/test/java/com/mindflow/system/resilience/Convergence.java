package com.mindflow.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mindflow.system.client.ReadStores;
import com.mindflow.system.resilience.Load.Writer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/** After a fault: the derived stores hold exactly what the write database holds, each event applied once. */
final class Convergence {

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
                // Every sink has its own consumer group and its own backlog after a fault: wait for all of them.
                Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
                Map<String, Long> read = Map.of();
                Map<String, Long> searched = Map.of();
                Map<String, Long> moodEvents = Map.of();
                Map<String, Long> audited = Map.of();
                while (Instant.now().isBefore(deadline)) {
                    read = stores.versions(Servers.READ_DB,
                            "SELECT id::text, version FROM journals_view WHERE user_id = ?", writer.userId());
                    searched = stores.searchVersions(writer.userId());
                    moodEvents = stores.versions(Servers.ANALYTICS_DB,
                            "SELECT journal_entry_id::text, count(*) FROM mood_events WHERE user_id = ? "
                                    + "GROUP BY journal_entry_id", writer.userId());
                    audited = stores.auditedPerEntry(writer.userId(), "ENTRY_CREATE");
                    if (read.equals(written) && searched.equals(written)
                            && moodEvents.keySet().equals(written.keySet())
                            && audited.keySet().equals(written.keySet())) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(read).as("the read model converges on the write database")
                        .containsExactlyInAnyOrderEntriesOf(written);
                assertThat(searched).as("the search index converges on the write database")
                        .containsExactlyInAnyOrderEntriesOf(written);
                assertThat(moodEvents.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
                assertThat(moodEvents.values()).as("mood events per entry").containsOnly(1L);
                assertThat(audited.values()).as("ENTRY_CREATE audit records per entry").containsOnly(1L);
                assertThat(audited.keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
            }
        }
    }
}
