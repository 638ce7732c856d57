package com.mindflow.projection.analytics;

import java.io.IOException;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.projection.rebuild.Rebuild;
import com.mindflow.projection.rebuild.Rebuilds;
import com.mindflow.projection.rebuild.ReplayConsumer;
import com.mindflow.projection.rebuild.SinkRebuild;

/**
 * Rebuilds what analytics derives from entries, in place: one mood event per entry with a mood, then the aggregates.
 * {@code mood_events} keeps no version, so a snapshot is skipped for an entry that changed live since the rebuild
 * began (the live event is newer); at the end the mood events of entries neither replayed nor changed live are
 * swept. {@code user_activity_events} is a log of what happened, which current state cannot tell: not rebuilt.
 * {@code journal_insights} is the AI's output, not derivable from the journal (the write side replays no insight):
 * never touched here, so a rebuild must not sweep or truncate it.
 */
@Component
class AnalyticsRebuild implements SinkRebuild {

    static final String GROUP = "projection-analytics-replay";

    private static final Logger log = LoggerFactory.getLogger(AnalyticsRebuild.class);

    private final AnalyticsStore store;
    private final AnalyticsMaintenance maintenance;
    private final Rebuilds rebuilds;
    private final ErasedUsers erasedUsers;
    private final ReplayConsumer replay;

    AnalyticsRebuild(AnalyticsStore store, AnalyticsMaintenance maintenance, Rebuilds rebuilds, ErasedUsers erasedUsers,
            ReplayConsumer replay) {
        this.store = store;
        this.maintenance = maintenance;
        this.rebuilds = rebuilds;
        this.erasedUsers = erasedUsers;
        this.replay = replay;
    }

    // Replays older than the group belong to rebuilds that cannot be running: start at the end.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.REPLAY, properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, String> record) throws IOException {
        replay.consume(this, record);
    }

    @Override
    public String sink() {
        return AnalyticsProjection.SINK;
    }

    @Override
    public String prepare(Rebuild rebuild) {
        return null; // in place: from the moment the rebuild is recorded, live changes mark their entries as seen
    }

    @Override
    public void apply(Rebuild rebuild, EventEnvelope<?> snapshot) {
        if (!(snapshot.payload() instanceof JournalEntryReplayed entry) || erasedUsers.isErased(entry.userId())) {
            return;
        }
        if (rebuilds.seen(rebuild.id(), entry.entryId())) {
            return; // changed live (newer) or already replayed
        }
        store.transactions().executeWithoutResult(status -> {
            if (entry.deleted()) {
                store.removeMood(entry.entryId());
            } else {
                store.replaceMood(entry);
            }
        });
        rebuilds.entryReplayed(rebuild.id(), entry.entryId());
    }

    @Override
    public void complete(Rebuild rebuild) {
        UUID[] seen = rebuilds.seenEntries(rebuild.id());
        int swept = store.transactions().execute(status -> store.sweepMoods(seen));
        boolean aggregated = maintenance.run();
        log.info("Analytics rebuild {}: {} entries kept, {} mood events of vanished entries removed; aggregates "
                + "refreshed: {}", rebuild.id(), seen.length, swept, aggregated);
    }

    @Override
    public void abandon(Rebuild rebuild) {
        // Nothing of its own to drop: it rebuilt in place, and what it restated was true when it did.
    }
}
