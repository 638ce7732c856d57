package com.mindflow.command.journal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes for good the entries deleted longer ago than the retention window, in small batches, each its own
 * transaction. {@code FOR UPDATE SKIP LOCKED} lets several instances purge at once without waiting on (or deleting
 * twice) the same rows, and skips an entry an author is restoring right now.
 *
 * <p>The streak row is left alone: a deleted entry already counts for nothing there. Not locking it also keeps the
 * lock order of the writes (streak row, then entry) from being reversed here, which could deadlock.
 */
@Component
public class JournalPurge {

    private static final Logger log = LoggerFactory.getLogger(JournalPurge.class);

    private final JournalEntries entries;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final JournalSettings settings;
    private final Clock clock;

    JournalPurge(JournalEntries entries, TransactionTemplate transactions, ApplicationEventPublisher events,
            JournalSettings settings, Clock clock) {
        this.entries = entries;
        this.transactions = transactions;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${mindflow.journal.purge-every:1h}",
            fixedDelayString = "${mindflow.journal.purge-every:1h}")
    public void run() {
        int purged = purgeExpired();
        if (purged > 0) {
            log.info("Purged {} journal entries deleted more than {} ago", purged, settings.retention());
        }
    }

    /** Purges every entry past the window, batch by batch; answers how many went. */
    public int purgeExpired() {
        Instant cutoff = clock.instant().minus(settings.retention());
        int total = 0;
        while (true) {
            Integer purged = transactions.execute(status -> purgeBatch(cutoff));
            total += purged;
            if (purged < settings.purgeBatchSize()) {
                return total;
            }
        }
    }

    private int purgeBatch(Instant cutoff) {
        List<JournalEntryPurged> batch = entries.claimExpired(cutoff, settings.purgeBatchSize());
        for (JournalEntryPurged entry : batch) {
            // Before the row goes, so listeners can still see what hangs off it (attachments).
            events.publishEvent(entry);
            entries.purge(entry.entryId());
        }
        return batch.size();
    }
}
