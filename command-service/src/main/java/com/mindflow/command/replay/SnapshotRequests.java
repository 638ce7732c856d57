package com.mindflow.command.replay;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.Topics;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayMessage;
import com.mindflow.events.replay.SnapshotsRequested;

/**
 * Answers a sink's request for snapshots. A redelivered request replays again: harmless, since the sink applies
 * snapshots with its version guards and ignores those of a rebuild it has finished.
 */
@Component
class SnapshotRequests {

    static final String GROUP = "command-replay";

    private static final Logger log = LoggerFactory.getLogger(SnapshotRequests.class);

    private final JournalReplay replay;
    private final Clock clock;
    private final Duration maxAge;
    private final ReplayCodec codec = new ReplayCodec();

    SnapshotRequests(JournalReplay replay, Clock clock,
            @Value("${mindflow.replay.max-request-age:1h}") Duration maxAge) {
        this.replay = replay;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    // A new group starts at the end: requests older than the group are history, not work (each replays everything).
    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.REBUILDS, properties = "auto.offset.reset=latest")
    void on(String json) {
        ReplayMessage message = codec.read(json);
        if (message instanceof SnapshotsRequested request) {
            if (request.requestedAt().isBefore(clock.instant().minus(maxAge))) {
                // Each answer replays everything: a request this old was superseded or given up on; ask again.
                log.warn("Ignoring snapshot request {} of {} from {}: older than {}", request.rebuildId(),
                        request.sink(), request.requestedAt(), maxAge);
                return;
            }
            JournalReplay.Summary summary = replay.publish(request.rebuildId(), request.sink());
            log.info("Replayed {} entries and {} streaks for rebuild {} of {} as of {}", summary.entries(),
                    summary.streaks(), request.rebuildId(), request.sink(), summary.asOf());
        }
    }
}
