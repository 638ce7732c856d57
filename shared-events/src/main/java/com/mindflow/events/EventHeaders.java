package com.mindflow.events;

import java.util.Map;

/**
 * Kafka header names set on every record, copied from the envelope so consumers can route, skip or trace a record
 * without parsing its value. The envelope stays the source of truth; header values are UTF-8 strings.
 */
public final class EventHeaders {

    /** {@link EventEnvelope#eventId()}: what consumers deduplicate on. */
    public static final String EVENT_ID = "mindflow-event-id";

    /** {@link EventEnvelope#eventType()}, e.g. {@code JournalEntryCreated}. */
    public static final String EVENT_TYPE = "mindflow-event-type";

    /** {@link EventEnvelope#eventVersion()} in decimal, e.g. {@code 1}. */
    public static final String EVENT_VERSION = "mindflow-event-version";

    /** {@link EventEnvelope#correlationId()}: the request id that started the work. */
    public static final String CORRELATION_ID = "mindflow-correlation-id";

    /** On every record of {@link Topics#REPLAY}: the rebuild it belongs to. */
    public static final String REBUILD_ID = "mindflow-rebuild-id";

    /** On every record of {@link Topics#REPLAY}: the sink being rebuilt, e.g. {@code search}. */
    public static final String REBUILD_SINK = "mindflow-rebuild-sink";

    /**
     * On events a bulk write produced (an import's entries), with the value {@link #BULK}; absent on live events.
     * A consumer whose per-entry work is costly takes them in a lane of its own, so a user's import of thousands of
     * entries never queues another user's live entry behind it on their shared partition.
     */
    public static final String LANE = "mindflow-lane";

    /** The value of {@link #LANE} on a bulk write's events. */
    public static final String BULK = "bulk";

    private EventHeaders() {
    }

    /** The four headers of {@code envelope}, by name. */
    public static Map<String, String> of(EventEnvelope<?> envelope) {
        return Map.of(
                EVENT_ID, envelope.eventId().toString(),
                EVENT_TYPE, envelope.eventType(),
                EVENT_VERSION, Integer.toString(envelope.eventVersion()),
                CORRELATION_ID, envelope.correlationId());
    }
}
