package com.mindflow.events.journal;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the author felt, as chosen for an entry. On the wire (and in every store) the lower-case name, e.g.
 * {@code happy}.
 *
 * <p>Analytics map a mood to a score on the same -1..1 scale the AI's sentiment uses ({@code mood_events.mood_score}):
 * <pre>
 * ecstatic  1.0     happy  0.6     neutral  0.0
 * anxious  -0.4     sad   -0.6     angry   -0.8
 * </pre>
 * A positive score counts as a positive mood, zero as neutral, a negative one as negative (the mood percentages of an
 * insight). Changing a score changes every trend computed from it, so treat it like a wire change.
 */
public enum Mood {

    ECSTATIC(1.0),
    HAPPY(0.6),
    NEUTRAL(0.0),
    ANXIOUS(-0.4),
    SAD(-0.6),
    ANGRY(-0.8);

    private final double score;

    Mood(double score) {
        this.score = score;
    }

    /** The analytics score, -1..1. */
    public double score() {
        return score;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Mood fromWireName(String wireName) {
        for (Mood mood : values()) {
            if (mood.wireName().equals(wireName)) {
                return mood;
            }
        }
        throw new IllegalArgumentException("Unknown mood: " + wireName);
    }
}
