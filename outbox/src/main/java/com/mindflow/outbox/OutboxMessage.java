package com.mindflow.outbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;

/**
 * One event as it waits in {@code outbox_events}: already serialized, so the relay never needs the payload's type.
 *
 * @param key the Kafka record key — always the user id, so one user's events stay in one partition, in order
 */
public record OutboxMessage(
        UUID eventId,
        String topic,
        String key,
        String eventType,
        int eventVersion,
        String aggregateId,
        UUID userId,
        Instant occurredAt,
        String envelopeJson,
        Map<String, String> headers) {

    public OutboxMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(envelopeJson, "envelopeJson");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** This message with one more header. */
    public OutboxMessage withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new OutboxMessage(eventId, topic, key, eventType, eventVersion, aggregateId, userId, occurredAt,
                envelopeJson, more);
    }

    /** The outbox row for a shared-events envelope, on its explicit topic, keyed by its user. */
    public static OutboxMessage of(EventEnvelope<?> envelope, String envelopeJson) {
        return new OutboxMessage(envelope.eventId(), envelope.topic(), envelope.key(), envelope.eventType(),
                envelope.eventVersion(), envelope.aggregateId().toString(), envelope.userId(),
                envelope.occurredAt(), envelopeJson, EventHeaders.of(envelope));
    }
}
