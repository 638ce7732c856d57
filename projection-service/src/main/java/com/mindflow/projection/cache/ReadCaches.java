package com.mindflow.projection.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalChangeNotice;
import com.mindflow.support.readside.ReadCacheKeys;

import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's event-driven invalidation of query-service's Redis caches, and the change notices query-service pushes
 * to devices. Called only after the read database committed, so a reader that misses the cache finds the new state.
 * Deletes known keys (the trend windows are a fixed list): no SCAN over the keyspace.
 */
@Component
public class ReadCaches {

    private final StringRedisTemplate redis;
    private final JsonMapper json;

    ReadCaches(StringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** An entry changed: its list, the trends and the profile's counts are stale. */
    public void entryChanged(UUID userId) {
        List<String> keys = new ArrayList<>(ReadCacheKeys.moodTrends(userId));
        keys.add(ReadCacheKeys.recentEntries(userId));
        keys.add(ReadCacheKeys.profile(userId));
        redis.delete(keys);
    }

    /** Only the entry list shows it (attachments, the author's name). */
    public void entryListChanged(UUID userId) {
        redis.delete(ReadCacheKeys.recentEntries(userId));
    }

    public void profileChanged(UUID userId) {
        redis.delete(ReadCacheKeys.profile(userId));
    }

    /** Everything cached for the user (erasure). */
    public void forget(UUID userId) {
        List<String> keys = new ArrayList<>(ReadCacheKeys.moodTrends(userId));
        keys.add(ReadCacheKeys.recentEntries(userId));
        keys.add(ReadCacheKeys.profile(userId));
        redis.delete(keys);
    }

    /** Announces that the read model now holds the entry at this version (query-service's WebSocket push, read-your-writes). */
    public void announce(JournalChangeNotice notice) {
        redis.convertAndSend(ReadCacheKeys.journalChanges(notice.userId()), json.writeValueAsString(notice));
    }
}
