package com.mindflow.ai.analysis.persistence;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.AnalysisStatus;

/**
 * The seed's {@code ai:queue:{journalEntryId}} = {@code queued | processing | completed | failed}, for an hour: long
 * enough for a client to see the outcome, short enough that Redis never holds a status nobody asks for.
 */
@Component
class RedisAnalysisStatus implements AnalysisStatus {

    /** Also read by query-service, which owns no class of this service: the key format is the contract. */
    static final String KEY_PREFIX = "ai:queue:";
    static final Duration TTL = Duration.ofHours(1);

    private final StringRedisTemplate redis;

    RedisAnalysisStatus(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void set(UUID entryId, State state) {
        redis.opsForValue().set(KEY_PREFIX + entryId, state.name().toLowerCase(Locale.ROOT), TTL);
    }

    @Override
    public void clear(UUID entryId) {
        redis.delete(KEY_PREFIX + entryId);
    }
}
