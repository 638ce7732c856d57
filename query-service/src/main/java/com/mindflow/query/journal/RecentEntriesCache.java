package com.mindflow.query.journal;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.support.readside.ReadCacheKeys;

/**
 * The seed's {@code journals:user:{id}:recent}: the first unfiltered page as the exact JSON served, so a hit costs one
 * GET and no (de)serialization. projection-service deletes it on every change of the user's entries. Redis trouble
 * only costs the cache: reads fall back to the database.
 */
@Component
class RecentEntriesCache {

    private static final Logger log = LoggerFactory.getLogger(RecentEntriesCache.class);

    private final StringRedisTemplate redis;

    RecentEntriesCache(StringRedisTemplate redis) {
        this.redis = redis;
    }

    Optional<String> get(UUID userId) {
        try {
            return Optional.ofNullable(redis.opsForValue().get(ReadCacheKeys.recentEntries(userId)));
        }
        catch (DataAccessException e) {
            log.warn("Recent entries cache unavailable, reading the database", e);
            return Optional.empty();
        }
    }

    void put(UUID userId, String json) {
        try {
            redis.opsForValue().set(ReadCacheKeys.recentEntries(userId), json, ReadCacheKeys.RECENT_TTL);
        }
        catch (DataAccessException e) {
            log.warn("Recent entries cache unavailable, not filled", e);
        }
    }
}
