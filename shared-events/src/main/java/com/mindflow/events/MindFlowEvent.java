package com.mindflow.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A payload MindFlow publishes: a record named in the past tense, registered in {@link EventTypes}.
 *
 * <p>The accessors below are what {@link EventEnvelope#of} needs to fill in the envelope; none of them adds a field
 * to the JSON, because only record components are serialized.
 */
public interface MindFlowEvent {

    /** The user the event belongs to; also the Kafka record key. */
    UUID userId();

    /** The aggregate that changed. User events change the user, so that is the default. */
    default UUID aggregateId() {
        return userId();
    }

    /** When the change happened, as the producer's clock saw it when committing it. */
    Instant occurredAt();
}
