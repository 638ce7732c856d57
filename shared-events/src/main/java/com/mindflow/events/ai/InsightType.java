package com.mindflow.events.ai;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The period an insight covers. On the wire the lower-case name, as in {@code journal_insights.insight_type}. */
public enum InsightType {

    WEEKLY,
    MONTHLY,
    YEARLY,
    /** A period the user chose. */
    CUSTOM;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static InsightType fromWireName(String wireName) {
        for (InsightType type : values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown insight type: " + wireName);
    }
}
