package com.mindflow.ai.rebuild;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.EntryAnalyses;
import com.mindflow.ai.embedding.EntryEmbeddingWork;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.replay.RebuildRequested;
import com.mindflow.events.replay.RebuildSinks;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayCompleted;
import com.mindflow.events.replay.SnapshotsRequested;

/**
 * The {@code ai} sink's rebuild: a request is recorded (superseding a running one) and answered with
 * {@link SnapshotsRequested}; command-service then replays every entry it still has. Each replayed entry goes
 * through the same privacy gate and analysis as a live one (a private entry's leftovers are withdrawn), and is
 * embedded behind live entries. Once command-service's marker of every partition is in, the findings not derived
 * again since the rebuild began are withdrawn: their entries are gone from the write side.
 */
@Component
class AiRebuild {

    static final String REQUESTS = "ai-rebuild";
    static final String REPLAY = "ai-replay";
    /** The write side whose replay the AI's findings come from. */
    static final String SOURCE = "command-service";

    private static final Logger log = LoggerFactory.getLogger(AiRebuild.class);

    private final AiRebuilds rebuilds;
    private final EntryAnalyses analyses;
    private final EntryEmbeddingWork embeddings;
    private final KafkaTemplate<String, String> kafka;
    private final ReplayCodec markers = new ReplayCodec();
    private final EventCodec events = new EventCodec();

    AiRebuild(AiRebuilds rebuilds, EntryAnalyses analyses, EntryEmbeddingWork embeddings,
            KafkaTemplate<String, String> kafka) {
        this.rebuilds = rebuilds;
        this.analyses = analyses;
        this.embeddings = embeddings;
        this.kafka = kafka;
    }

    // A new group starts at the end: requests older than the group are history, not work.
    @KafkaListener(id = REQUESTS, groupId = REQUESTS, topics = Topics.REBUILDS,
            properties = "auto.offset.reset=latest")
    void onRequest(String json) {
        if (!(markers.read(json) instanceof RebuildRequested request) || !RebuildSinks.AI.equals(request.sink())) {
            return;
        }
        if (rebuilds.find(request.rebuildId()).isEmpty()) {
            rebuilds.start(request.rebuildId(), request.requestedAt()).ifPresent(old ->
                    log.info("Rebuild {} of ai supersedes {}", request.rebuildId(), old));
            log.info("Rebuild {} of ai started; asking for snapshots", request.rebuildId());
        }
        else if (!rebuilds.running().map(r -> r.id().equals(request.rebuildId())).orElse(false)) {
            return; // finished or superseded meanwhile
        }
        SnapshotsRequested snapshots = new SnapshotsRequested(request.rebuildId(), RebuildSinks.AI,
                request.requestedAt());
        try {
            kafka.send(Topics.REBUILDS, request.rebuildId().toString(), markers.write(snapshots))
                    .get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not ask for snapshots of rebuild " + request.rebuildId(), e);
        }
    }

    // Replays older than the group are history too. One consumer: the replay is background work (EmbeddingLane).
    @KafkaListener(id = REPLAY, groupId = REPLAY, topics = Topics.REPLAY, properties = "auto.offset.reset=latest")
    void onReplay(ConsumerRecord<String, String> record) {
        if (!RebuildSinks.AI.equals(header(record, EventHeaders.REBUILD_SINK))) {
            return;
        }
        String id = header(record, EventHeaders.REBUILD_ID);
        Optional<AiRebuilds.Rebuild> rebuild = id == null ? Optional.empty()
                : rebuilds.running().filter(r -> r.id().toString().equals(id));
        if (rebuild.isEmpty()) {
            return; // a finished or superseded rebuild's record
        }
        if (ReplayCompleted.TYPE.equals(header(record, EventHeaders.EVENT_TYPE))) {
            ReplayCompleted marker = (ReplayCompleted) markers.read(record.value());
            if (SOURCE.equals(marker.source()) && rebuilds.partitionCompleted(marker.rebuildId(),
                    marker.source() + ":" + marker.partition(), marker.partitions())) {
                complete(rebuild.get(), marker);
            }
            return;
        }
        EventEnvelope<?> envelope = events.read(record.value());
        if (envelope.payload() instanceof JournalEntrySnapshot entry) {
            analyses.applyBehind(envelope);
            embeddings.background(envelope, entry);
            rebuilds.replayed(rebuild.get().id());
        }
    }

    private void complete(AiRebuilds.Rebuild rebuild, ReplayCompleted marker) {
        int swept = analyses.sweep(rebuild.startedAt(), rebuild.id().toString());
        if (rebuilds.complete(rebuild.id(), swept)) {
            log.info("Rebuild {} of ai completed: {} snapshots as of {}, {} findings of entries gone withdrawn",
                    rebuild.id(), marker.snapshots(), marker.asOf(), swept);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
