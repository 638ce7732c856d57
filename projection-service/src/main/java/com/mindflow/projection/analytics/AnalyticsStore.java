package com.mindflow.projection.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.journal.Mood;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics database's raw event tables, {@code mood_events} and {@code user_activity_events}, the AI's
 * {@code journal_insights}, and its markers.
 */
@Component
class AnalyticsStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    AnalyticsStore(@Qualifier(ReadAndAnalyticsDatabases.ANALYTICS) JdbcClient jdbc,
            @Qualifier("analyticsDataSource") DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.json = json;
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

    /**
     * The insight's one row, replaced by this generation. The key is (id, generated_at) (partitioned by time), so a
     * regeneration would otherwise add a second row: every row of the id goes first. A row generated later than this
     * event is newer than it: kept, and false returned.
     */
    boolean replaceInsight(InsightGenerated insight) {
        boolean newerHeld = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM journal_insights WHERE id = :id AND generated_at > :generatedAt)
                """).param("id", insight.insightId()).param("generatedAt", Timestamp.from(insight.generatedAt()))
                .query(Boolean.class).single();
        if (newerHeld) {
            return false;
        }
        jdbc.sql("DELETE FROM journal_insights WHERE id = :id").param("id", insight.insightId()).update();
        jdbc.sql("""
                INSERT INTO journal_insights (id, user_id, insight_type, start_date, end_date, generated_at, summary,
                        entries_analyzed, total_words, average_words, most_productive_day, longest_streak,
                        mood_positive_pct, mood_neutral_pct, mood_negative_pct, dominant_mood,
                        themes, milestones, suggestions, summary_sentences)
                VALUES (:id, :userId, :type, :startDate, :endDate, :generatedAt, :summary,
                        :entries, :totalWords, :averageWords, :day, :streak,
                        :positive, :neutral, :negative, :dominantMood,
                        CAST(:themes AS jsonb), CAST(:milestones AS jsonb), CAST(:suggestions AS jsonb),
                        CAST(:sentences AS jsonb))
                """)
                .param("id", insight.insightId()).param("userId", insight.userId())
                .param("type", insight.insightType().wireName())
                .param("startDate", insight.startDate()).param("endDate", insight.endDate())
                .param("generatedAt", Timestamp.from(insight.generatedAt()))
                .param("summary", summary(insight))
                .param("entries", insight.entriesAnalyzed()).param("totalWords", insight.totalWords())
                .param("averageWords", insight.averageWords())
                // The seed's spelling: 'Monday', not the enum's MONDAY.
                .param("day", insight.mostProductiveDay() == null ? null
                        : insight.mostProductiveDay().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .param("streak", insight.longestStreak())
                .param("positive", insight.moodPositivePct()).param("neutral", insight.moodNeutralPct())
                .param("negative", insight.moodNegativePct())
                .param("dominantMood", insight.dominantMood() == null ? null : insight.dominantMood().wireName())
                .param("themes", json.writeValueAsString(insight.themes().stream().map(AnalyticsStore::theme).toList()))
                .param("milestones", json.writeValueAsString(insight.milestones()))
                .param("suggestions", json.writeValueAsString(insight.suggestions()))
                .param("sentences", json.writeValueAsString(insight.summarySentences().stream()
                        .map(sentence -> Map.of("text", sentence.text(), "entryIds", ids(sentence.entryIds())))
                        .toList()))
                .update();
        return true;
    }

    /** The insight must go (forgotten, or nothing left to draw it from). */
    void removeInsight(UUID insightId, UUID userId) {
        jdbc.sql("DELETE FROM journal_insights WHERE id = :id AND user_id = :userId")
                .param("id", insightId).param("userId", userId).update();
    }

    /** The user turned private mode on: insights are drawn from the entries, so all of them go too. */
    void removeInsights(UUID userId) {
        jdbc.sql("DELETE FROM journal_insights WHERE user_id = :userId").param("userId", userId).update();
    }

    /** {@code summary} is NOT NULL; the event's summary is its sentences joined, so that is what a missing one is. */
    private static String summary(InsightGenerated insight) {
        return insight.summary() != null ? insight.summary()
                : String.join(" ", insight.summarySentences().stream().map(InsightGenerated.SourcedSentence::text).toList());
    }

    /** Written field by field, so the column's shape does not follow the event record's by accident. */
    private static Map<String, Object> theme(InsightTheme theme) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("name", theme.name());
        stored.put("frequency", theme.frequency());
        stored.put("sentiment", theme.sentiment() == null ? null : theme.sentiment().wireName());
        stored.put("relatedWords", theme.relatedWords());
        stored.put("entryIds", ids(theme.entryIds()));
        return stored;
    }

    private static List<String> ids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
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

    /** The user's activity events: an erasure handled meanwhile by another consumer may have missed the newest. */
    void removeActivities(UUID userId) {
        jdbc.sql("DELETE FROM user_activity_events WHERE user_id = :id").param("id", userId).update();
    }

    /**
     * Erasure: the user's raw events, the per-user aggregate rows (keyed by the user's id, so not anonymous) and the
     * user's insights.
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
