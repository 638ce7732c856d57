package com.mindflow.projection.readmodel;

import java.sql.Timestamp;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.databind.json.JsonMapper;

/** The {@code journals_view} table of the read database: one denormalized row per live journal entry. */
@Component
class JournalsView {

    /** Version-guarded upsert: an older or repeated state never overwrites a newer one. */
    private static final String UPSERT = """
            INSERT INTO journals_view (id, user_id, date, title, content, mood, location, weather, word_count,
                                       reading_time, is_private, created_at, updated_at, tags, version)
            VALUES (:id, :userId, :date, :title, :content, :mood, :location, :weather, :wordCount,
                    :readingTime, :isPrivate, :createdAt, :updatedAt, CAST(:tags AS jsonb), :version)
            ON CONFLICT (id) DO UPDATE SET
                date = EXCLUDED.date, title = EXCLUDED.title, content = EXCLUDED.content, mood = EXCLUDED.mood,
                location = EXCLUDED.location, weather = EXCLUDED.weather, word_count = EXCLUDED.word_count,
                reading_time = EXCLUDED.reading_time, is_private = EXCLUDED.is_private,
                updated_at = EXCLUDED.updated_at, tags = EXCLUDED.tags, version = EXCLUDED.version
            WHERE journals_view.version < EXCLUDED.version
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JournalsView(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void upsert(JournalEntrySnapshot entry) {
        jdbc.sql(UPSERT)
                .param("id", entry.entryId())
                .param("userId", entry.userId())
                .param("date", entry.date())
                .param("title", entry.title())
                .param("content", entry.content())
                .param("mood", entry.mood() == null ? null : entry.mood().wireName())
                .param("location", entry.location())
                .param("weather", entry.weather())
                .param("wordCount", entry.wordCount())
                .param("readingTime", entry.readingTimeSeconds())
                .param("isPrivate", entry.isPrivate())
                .param("createdAt", Timestamp.from(entry.createdAt()))
                .param("updatedAt", Timestamp.from(entry.updatedAt()))
                .param("tags", json.writeValueAsString(entry.tags().stream().sorted().toList()))
                .param("version", entry.version())
                .update();
    }

    /** Removes the entry unless the view already holds a newer state of it (a restore that overtook the delete). */
    void remove(UUID id, int version) {
        jdbc.sql("DELETE FROM journals_view WHERE id = :id AND version <= :version")
                .param("id", id)
                .param("version", version)
                .update();
    }
}
