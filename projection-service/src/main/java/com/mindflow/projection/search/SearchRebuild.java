package com.mindflow.projection.search;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.projection.rebuild.Rebuild;
import com.mindflow.projection.rebuild.ReplayConsumer;
import com.mindflow.projection.rebuild.SinkRebuild;

/**
 * Rebuilds search without downtime: a new index behind {@link SearchIndexAdmin#REBUILD_ALIAS} receives the replay
 * and, meanwhile, every live change (dual write); at the end the {@code journal_entries} alias moves to it in one
 * step and the old index is deleted. External versions make the order of replay and live writes irrelevant.
 */
@Component
class SearchRebuild implements SinkRebuild {

    static final String GROUP = "projection-search-replay";

    /** Erasures this close before the request are repeated on the new index, against clock skew between services. */
    private static final Duration ERASURE_MARGIN = Duration.ofMinutes(5);

    private final SearchIndexAdmin admin;
    private final SearchProjection projection;
    private final ReplayConsumer replay;
    private final ErasedUsers erasedUsers;

    SearchRebuild(SearchIndexAdmin admin, SearchProjection projection, ReplayConsumer replay, ErasedUsers erasedUsers) {
        this.admin = admin;
        this.projection = projection;
        this.replay = replay;
        this.erasedUsers = erasedUsers;
    }

    // Replays older than the group belong to rebuilds that cannot be running: start at the end.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.REPLAY, properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, String> record) throws IOException {
        replay.consume(this, record);
    }

    @Override
    public String sink() {
        return SearchProjection.SINK;
    }

    @Override
    public String prepare(Rebuild rebuild) throws IOException {
        admin.ensureAlias();
        String index = admin.createRebuildIndex();
        // Every live writer must see the new index before the write side takes its snapshot.
        sleep(SearchIndexAdmin.TARGET_TTL.multipliedBy(2));
        return index;
    }

    @Override
    public void apply(Rebuild rebuild, EventEnvelope<?> snapshot) throws IOException {
        if (snapshot.payload() instanceof JournalEntryReplayed entry) {
            if (entry.deleted()) {
                // A tombstone at the entry's version: a late live write of an older state cannot bring it back.
                projection.delete(rebuild.target(), entry.userId(), entry.entryId(), entry.version());
            } else {
                projection.index(rebuild.target(), entry);
            }
        }
    }

    @Override
    public void complete(Rebuild rebuild) throws IOException {
        // An account erased while the replay ran may have had snapshots indexed after its erasure reached this index.
        for (UUID erased : erasedUsers.erasedSince(rebuild.requestedAt().minus(ERASURE_MARGIN))) {
            projection.erase(rebuild.target(), erased);
        }
        admin.completeRebuild(rebuild.target());
    }

    @Override
    public void abandon(Rebuild rebuild) throws IOException {
        if (rebuild.target() != null) {
            admin.dropIndex(rebuild.target());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
