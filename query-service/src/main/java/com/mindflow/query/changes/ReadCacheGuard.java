package com.mindflow.query.changes;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalChangeNotice;
import com.mindflow.support.readside.ReadCacheKeys;

/**
 * Closes the cache-aside race: a read that loaded the database before projection applied a change, but stores its
 * result after projection deleted the cache key, would otherwise serve the old page for the whole TTL. Every
 * instance hears every change notice, so it (1) deletes the user's recent and trend keys once more and (2) refuses
 * fills whose load started before the last change it heard of.
 */
@Component
public class ReadCacheGuard implements JournalChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ReadCacheGuard.class);

    /** A change older than this cannot race any fill still in flight; forgotten to bound memory. */
    private static final long REMEMBER_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int PRUNE_ABOVE = 10_000;

    private final ConcurrentHashMap<UUID, Long> lastChange = new ConcurrentHashMap<>();
    private final StringRedisTemplate redis;

    ReadCacheGuard(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Taken before loading what is to be cached. */
    public long stamp() {
        return System.nanoTime();
    }

    /** Whether a value loaded after {@code stamp} may be cached: no change of the user was heard since. */
    public boolean mayCache(UUID userId, long stamp) {
        Long changed = lastChange.get(userId);
        return changed == null || changed - stamp < 0;
    }

    @Override
    public void onJournalChange(JournalChangeNotice notice) {
        long now = System.nanoTime();
        lastChange.put(notice.userId(), now);
        if (lastChange.size() > PRUNE_ABOVE) {
            lastChange.values().removeIf(at -> now - at > REMEMBER_NANOS);
        }
        try {
            redis.delete(ReadCacheKeys.recentEntries(notice.userId()));
            redis.delete(ReadCacheKeys.moodTrends(notice.userId()));
        }
        catch (DataAccessException e) {
            log.warn("Could not delete the user's read caches after a change notice", e);
        }
    }
}
