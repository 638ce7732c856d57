package com.mindflow.events;

import java.util.Objects;

/**
 * One registered event shape: the name and version that travel on the wire, the topic it is published to and the
 * record it reads into.
 */
public record EventType(String name, int version, String topic, Class<? extends MindFlowEvent> payloadType) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadType, "payloadType");
        if (version < 1) {
            throw new IllegalArgumentException("Event versions start at 1: " + name + " v" + version);
        }
    }

    @Override
    public String toString() {
        return name + ".v" + version;
    }
}
