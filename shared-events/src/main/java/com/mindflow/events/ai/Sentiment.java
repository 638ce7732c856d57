package com.mindflow.events.ai;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The overall tone of a text or a theme. On the wire the lower-case name, e.g. {@code mixed}. */
public enum Sentiment {

    POSITIVE,
    NEUTRAL,
    NEGATIVE,
    MIXED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Sentiment fromWireName(String wireName) {
        for (Sentiment sentiment : values()) {
            if (sentiment.wireName().equals(wireName)) {
                return sentiment;
            }
        }
        throw new IllegalArgumentException("Unknown sentiment: " + wireName);
    }
}
