package com.mindflow.events.replay;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An operator asked for {@code sink} to be rebuilt from the write side. A later request supersedes a running one. */
public record RebuildRequested(UUID rebuildId, String sink, Instant requestedAt) implements ReplayMessage {

    public RebuildRequested {
        Objects.requireNonNull(rebuildId, "rebuildId");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
