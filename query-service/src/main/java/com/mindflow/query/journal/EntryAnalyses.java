package com.mindflow.query.journal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/**
 * Where an entry's analysis stands: the read database's {@code journal_entry_analyses} once the analysis of the
 * entry's current version arrived, else ai-processing-service's status in Redis ({@code ai:queue:{entryId}}, the
 * seed's key). A private entry is never analysed, whatever either store holds.
 */
@Component
class EntryAnalyses {

    private static final Logger log = LoggerFactory.getLogger(EntryAnalyses.class);
    private static final String STATUS_KEY = "ai:queue:";
    private static final Set<String> PENDING = Set.of("queued", "processing", "failed");

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;

    EntryAnalyses(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    private record Stored(long version, EntryAnalysis analysis) {
    }

    EntryAnalysis of(JournalEntryView entry) {
        if (entry.isPrivate()) {
            return EntryAnalysis.only(EntryAnalysis.NOT_ANALYSED);
        }
        Optional<Stored> stored = jdbc.sql("""
                SELECT entry_version, sentiment_score, sentiment_label, key_phrases, language, analysed_at
                  FROM journal_entry_analyses WHERE journal_entry_id = :id AND NOT withdrawn
                """).param("id", entry.id())
                .query((rs, n) -> new Stored(rs.getLong("entry_version"), new EntryAnalysis(EntryAnalysis.COMPLETED,
                        rs.getDouble("sentiment_score"), rs.getString("sentiment_label"), phrases(rs.getArray("key_phrases")),
                        rs.getString("language"), rs.getTimestamp("analysed_at").toInstant())))
                .optional();
        if (stored.isPresent() && stored.get().version() >= entry.version()) {
            return stored.get().analysis();
        }
        Optional<String> status = status(entry.id());
        if (status.filter(PENDING::contains).isPresent()) {
            return EntryAnalysis.only(status.get());
        }
        if (status.isPresent()) {
            // "completed" in Redis, but the result has not reached the read database yet.
            return EntryAnalysis.only(EntryAnalysis.PROCESSING);
        }
        // The status expired (an hour): the latest analysis there is, else none.
        return stored.map(Stored::analysis).orElse(EntryAnalysis.only(EntryAnalysis.NOT_ANALYSED));
    }

    private Optional<String> status(UUID entryId) {
        try {
            return Optional.ofNullable(redis.opsForValue().get(STATUS_KEY + entryId));
        }
        catch (DataAccessException e) {
            // The entry is still worth showing without its pending status.
            log.warn("Analysis status unavailable for entry {}", entryId, e);
            return Optional.empty();
        }
    }

    private static List<String> phrases(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
