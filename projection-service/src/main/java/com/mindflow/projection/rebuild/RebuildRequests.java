package com.mindflow.projection.rebuild;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.events.Topics;
import com.mindflow.events.replay.RebuildRequested;
import com.mindflow.events.replay.RebuildSinks;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayMessage;
import com.mindflow.events.replay.SnapshotsRequested;

/**
 * Starts a rebuild: the sink prepares, the rebuild is recorded (superseding a running one of the same sink), then
 * the write side is asked for snapshots. A redelivered request that already started only asks again.
 */
@Component
class RebuildRequests {

    static final String GROUP = "projection-rebuild";

    private static final Logger log = LoggerFactory.getLogger(RebuildRequests.class);

    private final Map<String, SinkRebuild> sinks;
    private final Rebuilds rebuilds;
    private final KafkaTemplate<Object, Object> kafka;
    private final ReplayCodec codec = new ReplayCodec();

    RebuildRequests(List<SinkRebuild> sinks, Rebuilds rebuilds, KafkaTemplate<Object, Object> kafka) {
        this.sinks = sinks.stream().collect(Collectors.toMap(SinkRebuild::sink, Function.identity()));
        this.rebuilds = rebuilds;
        this.kafka = kafka;
    }

    // A new group starts at the end: requests older than the group are history, not work.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.REBUILDS, properties = "auto.offset.reset=latest")
    void on(String json) throws IOException {
        ReplayMessage message = codec.read(json);
        if (!(message instanceof RebuildRequested request)) {
            return; // SnapshotsRequested is for the write side
        }
        SinkRebuild sink = sinks.get(request.sink());
        if (sink == null && RebuildSinks.all().contains(request.sink())) {
            return; // another service's sink (ai-processing-service rebuilds "ai")
        }
        if (sink == null) {
            // Parked on the dead-letter topic: nothing to retry.
            throw new IllegalArgumentException("No sink " + request.sink() + " to rebuild; known: " + sinks.keySet());
        }
        Optional<Rebuild> known = rebuilds.find(request.rebuildId());
        if (known.isEmpty()) {
            Rebuild rebuild = new Rebuild(request.rebuildId(), request.sink(), request.requestedAt(), null);
            rebuild = new Rebuild(rebuild.id(), rebuild.sink(), rebuild.requestedAt(), sink.prepare(rebuild));
            Optional<Rebuild> superseded = rebuilds.start(rebuild);
            if (superseded.isPresent()) {
                log.info("Rebuild {} of {} supersedes {}", rebuild.id(), rebuild.sink(), superseded.get().id());
                sink.abandon(superseded.get());
            }
            log.info("Rebuild {} of {} prepared (target {}); asking for snapshots", rebuild.id(), rebuild.sink(),
                    rebuild.target());
        }
        else if (!rebuilds.running(request.sink()).map(r -> r.id().equals(request.rebuildId())).orElse(false)) {
            return; // finished or superseded meanwhile
        }
        send(new SnapshotsRequested(request.rebuildId(), request.sink(), request.requestedAt()));
    }

    private void send(SnapshotsRequested request) {
        try {
            kafka.send(Topics.REBUILDS, request.rebuildId().toString(), codec.write(request)).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not ask for snapshots of rebuild " + request.rebuildId(), e);
        }
    }
}
