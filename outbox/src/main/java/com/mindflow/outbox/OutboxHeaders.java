package com.mindflow.outbox;

/** Kafka header names the relay sets on every record, so consumers can route without parsing the payload. */
public final class OutboxHeaders {

    public static final String EVENT_ID = "mindflow-event-id";
    public static final String EVENT_TYPE = "mindflow-event-type";
    public static final String EVENT_VERSION = "mindflow-event-version";

    private OutboxHeaders() {
    }
}
