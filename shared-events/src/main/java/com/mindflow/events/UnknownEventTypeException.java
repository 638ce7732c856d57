package com.mindflow.events;

/**
 * A record names an event type and version this build does not know: typically a newer producer. Consumers decide
 * whether to skip it or park it on the dead-letter topic; they must not guess its shape.
 */
public class UnknownEventTypeException extends RuntimeException {

    private final String eventType;
    private final int eventVersion;

    public UnknownEventTypeException(String eventType, int eventVersion) {
        super("Unknown event type " + eventType + " v" + eventVersion);
        this.eventType = eventType;
        this.eventVersion = eventVersion;
    }

    public String eventType() {
        return eventType;
    }

    public int eventVersion() {
        return eventVersion;
    }
}
