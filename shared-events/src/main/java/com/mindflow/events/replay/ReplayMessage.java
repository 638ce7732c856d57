package com.mindflow.events.replay;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A control record of a rebuild; {@code type} on the wire names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RebuildRequested.class, name = "RebuildRequested"),
        @JsonSubTypes.Type(value = SnapshotsRequested.class, name = "SnapshotsRequested"),
        @JsonSubTypes.Type(value = ReplayCompleted.class, name = ReplayCompleted.TYPE)})
public sealed interface ReplayMessage permits RebuildRequested, SnapshotsRequested, ReplayCompleted {

    UUID rebuildId();

    /** The sink being rebuilt, e.g. {@code search} or {@code read-model}. */
    String sink();
}
