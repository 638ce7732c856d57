package com.mindflow.query.mood;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.query.changes.ReadCacheGuard;
import com.mindflow.support.readside.ReadCacheKeys;

import tools.jackson.databind.json.JsonMapper;

/**
 * Mood trends, cached under the seed's {@code mood:user:{id}:trend:{days}} for 15 minutes and deleted by
 * projection-service on every change of the user's entries. Computed from journals_view rather than the analytics
 * mood_events: journals_view is what projection invalidates this cache in step with, it reflects edits and deletes
 * exactly (one row per entry), and it counts the mood the author chose, where mood_events gets AI re-scoring.
 */
@Component
class MoodTrends {

    private static final Logger log = LoggerFactory.getLogger(MoodTrends.class);
    private static final Set<String> POSITIVE = Set.of("ecstatic", "happy");
    private static final Set<String> NEGATIVE = Set.of("sad", "anxious", "angry");

    private final MoodReadModels readModels;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final ReadCacheGuard guard;
    private final Clock clock;

    MoodTrends(MoodReadModels readModels, StringRedisTemplate redis, JsonMapper json, ReadCacheGuard guard) {
        this.readModels = readModels;
        this.redis = redis;
        this.json = json;
        this.guard = guard;
        this.clock = Clock.systemUTC();
    }

    MoodTrendView trend(UUID userId, int days) {
        String key = ReadCacheKeys.moodTrend(userId, days);
        try {
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                return json.readValue(cached, MoodTrendView.class);
            }
        }
        catch (DataAccessException e) {
            log.warn("Mood trend cache unavailable, computing", e);
        }
        LocalDate today = LocalDate.now(clock.withZone(readModels.zone(userId)));
        long stamp = guard.stamp();
        MoodTrendView trend = split(days, readModels.moodCounts(userId, today.minusDays(days - 1L), today));
        if (!guard.mayCache(userId, stamp)) {
            return trend;
        }
        try {
            redis.opsForValue().set(key, json.writeValueAsString(trend), ReadCacheKeys.TREND_TTL);
        }
        catch (DataAccessException e) {
            log.warn("Mood trend cache unavailable, not filled", e);
        }
        return trend;
    }

    /** Whole percentages that add up to 100: largest remainders get the leftover points. */
    static MoodTrendView split(int days, Map<String, Integer> counts) {
        int positive = 0;
        int neutral = 0;
        int negative = 0;
        for (var entry : counts.entrySet()) {
            if (POSITIVE.contains(entry.getKey())) {
                positive += entry.getValue();
            }
            else if (NEGATIVE.contains(entry.getKey())) {
                negative += entry.getValue();
            }
            else if ("neutral".equals(entry.getKey())) {
                neutral += entry.getValue();
            }
        }
        int total = positive + neutral + negative;
        if (total == 0) {
            return new MoodTrendView(days, 0, 0, 0, 0);
        }
        int[] counted = { positive, neutral, negative };
        int[] percent = new int[3];
        double[] remainder = new double[3];
        int assigned = 0;
        for (int i = 0; i < 3; i++) {
            double exact = counted[i] * 100.0 / total;
            percent[i] = (int) Math.floor(exact);
            remainder[i] = exact - percent[i];
            assigned += percent[i];
        }
        for (int left = 100 - assigned; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < 3; i++) {
                if (remainder[i] > remainder[best]) {
                    best = i;
                }
            }
            percent[best]++;
            remainder[best] = -1;
        }
        return new MoodTrendView(days, percent[0], percent[1], percent[2], total);
    }
}
