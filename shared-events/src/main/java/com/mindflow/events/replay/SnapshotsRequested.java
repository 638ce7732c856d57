package com.mindflow.events.replay;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The sink is ready for the rebuild: the write side should publish its current state on the replay topic. */
public record SnapshotsRequested(UUID rebuildId, String sink, Instant requestedAt) implements ReplayMessage {

    public SnapshotsRequested {
        Objects.requireNonNull(rebuildId, "rebuildId");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
