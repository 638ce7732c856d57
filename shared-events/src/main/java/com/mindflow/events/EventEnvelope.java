package com.mindflow.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What every Kafka record carries: the identity, type and origin of one event, around its payload.
 *
 * <p>The record key is {@link #key()}, the user id, so one user's events stay in one partition and in order.
 * {@link #eventId()} is unique per event and stable across redeliveries: consumers deduplicate on it.
 *
 * @param eventId       unique id of this event, also in the {@link EventHeaders#EVENT_ID} header
 * @param eventType     the payload's registered name, e.g. {@code JournalEntryCreated}
 * @param eventVersion  the payload's registered version; a consumer reads the payload by (type, version)
 * @param aggregateId   the aggregate that changed (the user, the journal entry, the insight)
 * @param userId        the user the event belongs to, the same as the payload's and the record key
 * @param occurredAt    when the change was committed
 * @param correlationId the id of the request (or the event) that started the work, for tracing across services
 * @param payload       the event itself
 */
public record EventEnvelope<P extends MindFlowEvent>(
        UUID eventId,
        String eventType,
        int eventVersion,
        UUID aggregateId,
        UUID userId,
        Instant occurredAt,
        String correlationId,
        P payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(payload, "payload");
        EventType registered = EventTypes.of(payload.getClass());
        if (!registered.name().equals(eventType) || registered.version() != eventVersion) {
            throw new IllegalArgumentException("Envelope says " + eventType + " v" + eventVersion
                    + " but the payload is registered as " + registered);
        }
        // The key must be the payload's user, or one user's events could land on two partitions.
        if (!userId.equals(payload.userId())) {
            throw new IllegalArgumentException("Envelope user " + userId + " differs from payload user "
                    + payload.userId());
        }
    }

    /** A new event with a fresh id, as part of the work {@code correlationId} identifies (usually the request id). */
    public static <P extends MindFlowEvent> EventEnvelope<P> of(P payload, String correlationId) {
        EventType type = EventTypes.of(payload.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), payload.aggregateId(),
                payload.userId(), payload.occurredAt(), correlationId, payload);
    }

    /** A new event caused by handling {@code cause}: it keeps the cause's correlation id. */
    public static <P extends MindFlowEvent> EventEnvelope<P> causedBy(EventEnvelope<?> cause, P payload) {
        return of(payload, cause.correlationId());
    }

    /** The topic this event is published to. */
    public String topic() {
        return EventTypes.of(payload.getClass()).topic();
    }

    /** The Kafka record key: the user id as a plain UUID string. */
    public String key() {
        return userId.toString();
    }
}
