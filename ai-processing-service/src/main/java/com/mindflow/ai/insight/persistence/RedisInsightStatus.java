package com.mindflow.ai.insight.persistence;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.ai.insight.application.InsightStatus;

/**
 * {@code ai:insight:{insightId}} = {@code {userId}|{status}} for an hour. query-service answers a poll from it until
 * the insight reaches the read side, and only to its owner; the key format is the contract between the two.
 */
@Component
class RedisInsightStatus implements InsightStatus {

    static final String KEY_PREFIX = "ai:insight:";
    static final Duration TTL = Duration.ofHours(1);

    private final StringRedisTemplate redis;

    RedisInsightStatus(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void set(UUID insightId, UUID userId, State state) {
        redis.opsForValue().set(KEY_PREFIX + insightId, userId + "|" + state.name().toLowerCase(Locale.ROOT), TTL);
    }

    @Override
    public void clear(UUID insightId) {
        redis.delete(KEY_PREFIX + insightId);
    }
}
