package com.mindflow.support.readside;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The seed's Redis key patterns for the read side, in one place: query-service fills these caches, projection-service
 * invalidates them on each event. Trend windows are a fixed set so an invalidation deletes known keys instead of
 * scanning the keyspace for {@code mood:user:{id}:trend:*}.
 */
public final class ReadCacheKeys {

    /** {@code journals:user:{id}:recent} lives 5 minutes (seed). */
    public static final Duration RECENT_TTL = Duration.ofMinutes(5);

    /** {@code mood:user:{id}:trend:{days}} lives 15 minutes (seed). */
    public static final Duration TREND_TTL = Duration.ofMinutes(15);

    /** {@code user:{id}:profile} lives 1 hour (seed). */
    public static final Duration PROFILE_TTL = Duration.ofHours(1);

    /** The trend windows a client may ask for, in days. */
    public static final List<Integer> TREND_DAYS = List.of(7, 14, 30, 90, 180, 365);

    private ReadCacheKeys() {
    }

    public static String recentEntries(UUID userId) {
        return "journals:user:" + userId + ":recent";
    }

    public static String moodTrend(UUID userId, int days) {
        return "mood:user:" + userId + ":trend:" + days;
    }

    /** Every trend key of the user, for invalidation. */
    public static List<String> moodTrends(UUID userId) {
        return TREND_DAYS.stream().map(days -> moodTrend(userId, days)).toList();
    }

    public static String profile(UUID userId) {
        return "user:" + userId + ":profile";
    }

    /** Set of the user's open WebSocket connection ids (seed: {@code ws:user:{userId}}). */
    public static String webSocketConnections(UUID userId) {
        return "ws:user:" + userId;
    }

    /**
     * Pub/sub channel on which projection-service announces, after the read model applied it, that one of the user's
     * entries changed ({@link JournalChangeNotice} as JSON). query-service pushes it to the user's devices and uses it
     * to end read-your-writes waits early.
     */
    public static String journalChanges(UUID userId) {
        return "journal-changes:user:" + userId;
    }

    /** Pattern matching every user's {@link #journalChanges(UUID)} channel. */
    public static final String JOURNAL_CHANGES_PATTERN = "journal-changes:user:*";
}
