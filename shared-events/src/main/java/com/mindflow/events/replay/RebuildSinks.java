package com.mindflow.events.replay;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sinks {@link RebuildRequested} can name, and which service rebuilds each: every service listening on the
 * rebuild topic takes its own and leaves the others' alone.
 */
public final class RebuildSinks {

    /** projection-service's sinks. */
    public static final Set<String> PROJECTION = Set.of("analytics", "read-model", "search");

    /** ai-processing-service's findings, analyses and passages: re-derived from the replay. */
    public static final String AI = "ai";

    private RebuildSinks() {
    }

    /** Every sink there is. */
    public static Set<String> all() {
        Set<String> all = new TreeSet<>(PROJECTION);
        all.add(AI);
        return Collections.unmodifiableSet(all);
    }
}
