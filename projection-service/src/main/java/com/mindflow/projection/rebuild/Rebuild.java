package com.mindflow.projection.rebuild;

import java.time.Instant;
import java.util.UUID;

/**
 * One rebuild of a sink.
 *
 * @param target what the replay fills, e.g. the new search index; {@code null} when the sink rebuilds in place
 */
public record Rebuild(UUID id, String sink, Instant requestedAt, String target) {
}
