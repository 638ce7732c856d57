package com.mindflow.events.replay;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The last record of a rebuild on one partition of the replay topic: every snapshot before it on that partition
 * belongs to the rebuild. The sink finishes when it has seen all {@code partitions} of them from every source it
 * needs.
 *
 * @param source     the write-side service that published the snapshots (a sink may need several sources)
 * @param partition  the partition this marker was written to
 * @param partitions how many partitions (and so markers) the replay has
 * @param snapshots  snapshots the write side published for the rebuild, on all partitions together
 * @param asOf       the moment of the write side's consistent snapshot
 */
public record ReplayCompleted(UUID rebuildId, String sink, String source, int partition, int partitions,
        long snapshots, Instant asOf) implements ReplayMessage {

    /** Its {@code type} on the wire, also in the {@code mindflow-event-type} header so a consumer can tell it apart. */
    public static final String TYPE = "ReplayCompleted";

    public ReplayCompleted {
        Objects.requireNonNull(rebuildId, "rebuildId");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(asOf, "asOf");
        if (partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("Partition " + partition + " of " + partitions);
        }
    }
}
