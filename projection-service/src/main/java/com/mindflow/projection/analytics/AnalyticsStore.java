package com.mindflow.projection.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.journal.Mood;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/** The analytics database's raw event tables, {@code mood_events} and {@code user_activity_events}, and its markers. */
@Component
class AnalyticsStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AnalyticsStore(@Qualifier(ReadAndAnalyticsDatabases.ANALYTICS) JdbcClient jdbc,
            @Qualifier("analyticsDataSource") DataSource dataSource) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    /** Records the event for this group in the change's transaction; false when it was applied before. */
    boolean markApplied(String group, UUID eventId) {
        return jdbc.sql("INSERT INTO processed_events (consumer_group, event_id) VALUES (:g, :e) ON CONFLICT DO NOTHING")
                .param("g", group).param("e", eventId).update() == 1;
    }

    /**
     * The entry's one mood event, replaced by its current state: the mood an entry records belongs to the day the
     * entry is about, so {@code time} is that day at 00:00 UTC and an edit replaces rather than adds.
     */
    void replaceMood(JournalEntrySnapshot entry) {
        removeMood(entry.entryId());
        if (entry.mood() == null) {
            return;
        }
        jdbc.sql("""
                INSERT INTO mood_events (time, user_id, journal_entry_id, mood, mood_score, tags, word_count)
                VALUES (:time, :userId, :entryId, :mood,
                        -- The sentiment of this very version when the analysis arrived first (another topic, no order).
                        COALESCE((SELECT sentiment_score FROM entry_sentiments
                                   WHERE journal_entry_id = :entryId AND entry_version = :version), :score),
                        CAST(:tags AS text[]), :words)
                """)
                .param("version", entry.version())
                .param("time", Timestamp.from(entry.date().atStartOfDay().toInstant(ZoneOffset.UTC)))
                .param("userId", entry.userId()).param("entryId", entry.entryId())
                .param("mood", entry.mood().wireName()).param("score", entry.mood().score())
                .param("tags", "{" + String.join(",", entry.tags().stream().map(AnalyticsStore::arrayElement).toList()) + "}")
                .param("words", entry.wordCount())
                .update();
    }

    /**
     * The end of an analytics rebuild: mood events of every entry not in {@code keep} (the write side no longer has
     * it) are removed. A hash anti-join over the unnested ids, so it stays linear for a large journal.
     */
    int sweepMoods(UUID[] keep) {
        // The ids travel as one text value: a driver-side uuid[] binding is easy to get silently wrong.
        String ids = String.join(",", java.util.Arrays.stream(keep).map(UUID::toString).toList());
        return jdbc.sql("""
                DELETE FROM mood_events m
                 WHERE NOT EXISTS (SELECT 1 FROM unnest(string_to_array(:keep, ',')::uuid[]) AS k(id)
                                    WHERE k.id = m.journal_entry_id)
                """).param("keep", ids).update();
    }

    /**
     * The AI's sentiment of an entry version becomes its mood score (issue #11). Kept in {@code entry_sentiments}
     * too, so a mood event written later for the same version takes it; an analysis older than the one held is
     * stale and changes nothing.
     */
    void sentiment(UUID entryId, UUID userId, int version, double score) {
        int recorded = jdbc.sql("""
                INSERT INTO entry_sentiments (journal_entry_id, user_id, entry_version, sentiment_score)
                VALUES (:entryId, :userId, :version, :score)
                ON CONFLICT (journal_entry_id) DO UPDATE
                   SET entry_version = EXCLUDED.entry_version, sentiment_score = EXCLUDED.sentiment_score
                 WHERE entry_sentiments.entry_version <= EXCLUDED.entry_version
                """).param("entryId", entryId).param("userId", userId).param("version", version).param("score", score)
                .update();
        if (recorded == 1) {
            jdbc.sql("UPDATE mood_events SET mood_score = :score WHERE journal_entry_id = :entryId")
                    .param("score", score).param("entryId", entryId).update();
        }
    }

    /** The entry's analysis was withdrawn: its mood score is the mood's own again. */
    void withdrawSentiment(UUID entryId, int version) {
        jdbc.sql("DELETE FROM entry_sentiments WHERE journal_entry_id = :entryId AND entry_version <= :version")
                .param("entryId", entryId).param("version", version).update();
        jdbc.sql("UPDATE mood_events SET mood_score = " + MOOD_SCORE + " WHERE journal_entry_id = :entryId")
                .param("entryId", entryId).update();
    }

    /** The user turned private mode on: every analysis goes, every mood score is the mood's own again. */
    void withdrawSentiments(UUID userId) {
        jdbc.sql("DELETE FROM entry_sentiments WHERE user_id = :userId").param("userId", userId).update();
        jdbc.sql("UPDATE mood_events SET mood_score = " + MOOD_SCORE + " WHERE user_id = :userId")
                .param("userId", userId).update();
    }

    /** {@code Mood#score()} of a row's {@code mood}, in SQL. */
    private static final String MOOD_SCORE = java.util.Arrays.stream(Mood.values())
            .map(mood -> "WHEN '" + mood.wireName() + "' THEN " + mood.score())
            .collect(java.util.stream.Collectors.joining(" ", "CASE mood ", " ELSE mood_score END"));

    void removeMood(UUID entryId) {
        jdbc.sql("DELETE FROM mood_events WHERE journal_entry_id = :id").param("id", entryId).update();
    }

    void activity(Instant at, UUID userId, String type, String metadataJson) {
        jdbc.sql("""
                INSERT INTO user_activity_events (time, user_id, event_type, metadata)
                VALUES (:time, :userId, :type, CAST(:metadata AS jsonb))
                """)
                .param("time", Timestamp.from(at)).param("userId", userId).param("type", type)
                .param("metadata", metadataJson)
                .update();
    }

    /**
     * Erasure: the user's raw events and the per-user aggregate rows (keyed by the user's id, so not anonymous).
     * Insights belong to the AI service's own erasure.
     */
    void eraseUser(UUID userId) {
        for (String table : new String[] {"mood_events", "user_activity_events", "mood_daily_summary",
                "user_weekly_activity", "journal_insights", "entry_sentiments"}) {
            jdbc.sql("DELETE FROM " + table + " WHERE user_id = :id").param("id", userId).update();
        }
    }

    private static String arrayElement(String tag) {
        return "\"" + tag.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
