package com.mindflow.projection.rebuild;

import java.io.IOException;
import java.util.Set;

import com.mindflow.events.EventEnvelope;

/** What a sink does in a rebuild; each sink consumes the replay topic in its own group through {@link ReplayConsumer}. */
public interface SinkRebuild {

    /** The sink's name in requests and metrics, e.g. {@code search}. */
    String sink();

    /** The write-side services whose snapshots the sink needs: it completes after all their markers. */
    default Set<String> sources() {
        return Set.of("command-service");
    }

    /**
     * Readies the sink before the write side snapshots: from now on live changes must reach what the replay fills.
     *
     * @return the target the replay fills, or {@code null} to rebuild in place
     */
    String prepare(Rebuild rebuild) throws IOException;

    /** Applies one snapshot; never lets it overwrite a newer state. */
    void apply(Rebuild rebuild, EventEnvelope<?> snapshot) throws IOException;

    /** Every snapshot is applied: make the result the sink's state. Runs once per rebuild. */
    void complete(Rebuild rebuild) throws IOException;

    /** A newer request superseded this rebuild before it completed: drop what it built. */
    void abandon(Rebuild rebuild) throws IOException;
}
