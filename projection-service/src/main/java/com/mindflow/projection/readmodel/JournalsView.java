package com.mindflow.projection.readmodel;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * Version-guarded upsert: an older or repeated state never overwrites a newer one. The author's name and photo
     * come from the profile row, when the user's events got here first.
     */
    private static final String UPSERT = """
            INSERT INTO journals_view (id, user_id, user_name, user_photo, date, title, content, mood, location,
                                       weather, word_count, reading_time, is_private, created_at, updated_at, tags,
                                       version)
            VALUES (:id, :userId,
                    (SELECT display_name FROM user_profile_view WHERE id = :userId),
                    (SELECT photo_url FROM user_profile_view WHERE id = :userId),
                    :date, :title, :content, :mood, :location, :weather, :wordCount,
                    :readingTime, :isPrivate, :createdAt, :updatedAt, CAST(:tags AS jsonb), :version)
            ON CONFLICT (id) DO UPDATE SET
                date = EXCLUDED.date, title = EXCLUDED.title, content = EXCLUDED.content, mood = EXCLUDED.mood,
                location = EXCLUDED.location, weather = EXCLUDED.weather, word_count = EXCLUDED.word_count,
                reading_time = EXCLUDED.reading_time, is_private = EXCLUDED.is_private,
                updated_at = EXCLUDED.updated_at, tags = EXCLUDED.tags, version = EXCLUDED.version
            WHERE journals_view.version < EXCLUDED.version
            """;

    /** The attachments column is derived from journal_attachments_view, so it is correct whatever order they came in. */
    private static final String REFRESH_ATTACHMENTS = """
            UPDATE journals_view v SET
                attachments = COALESCE(a.list, '[]'::json),
                attachment_count = COALESCE(a.count, 0),
                version = GREATEST(v.version, :version)
            FROM (SELECT json_agg(json_build_object('id', id, 'fileName', file_name, 'fileSize', file_size,
                                                    'mimeType', mime_type, 's3Key', s3_key,
                                                    'thumbnailS3Key', thumbnail_s3_key) ORDER BY uploaded_at, id) AS list,
                         COUNT(*) AS count
                    FROM journal_attachments_view
                   WHERE journal_entry_id = :id AND removed_at IS NULL) a
            WHERE v.id = :id
            """;

    /** A rebuild's snapshot is the truth for its version: it may also rewrite a row at the same version. */
    private static final String RESTATE = UPSERT.replace("journals_view.version < EXCLUDED.version",
            "journals_view.version <= EXCLUDED.version");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JournalsView(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The day the view files the entry under, if it holds the entry. */
    Optional<LocalDate> dateOf(UUID id) {
        return filedAs(id).map(Filed::date);
    }

    /** The day and mood the view holds for the entry: what the mood calendar shows of it. */
    Optional<Filed> filedAs(UUID id) {
        return jdbc.sql("SELECT date, mood FROM journals_view WHERE id = :id").param("id", id)
                .query((rs, n) -> new Filed(rs.getObject(1, LocalDate.class), rs.getString(2))).optional();
    }

    /** An entry's place in the mood calendar; {@code mood} is the wire name, null for an entry without one. */
    record Filed(LocalDate date, String mood) {

        boolean sameDayAndMood(JournalEntrySnapshot entry) {
            return date.equals(entry.date())
                    && Objects.equals(mood, entry.mood() == null ? null : entry.mood().wireName());
        }
    }

    void upsert(JournalEntrySnapshot entry) {
        write(UPSERT, entry);
    }

    /** Like {@link #upsert}, but an equal version is rewritten too (a rebuild repairs a damaged row). */
    void restate(JournalEntrySnapshot entry) {
        write(RESTATE, entry);
    }

    /** The version the view holds of the entry, if it holds it. */
    Optional<Integer> versionOf(UUID id) {
        return jdbc.sql("SELECT version FROM journals_view WHERE id = :id").param("id", id)
                .query(Integer.class).optional();
    }

    /**
     * The end of a rebuild: removes the rows of every entry the rebuild neither replayed nor saw change (the write
     * side no longer has them); answers the users whose rows went.
     */
    List<UUID> sweep(UUID rebuildId) {
        List<UUID> users = jdbc.sql("""
                DELETE FROM journals_view v
                 WHERE NOT EXISTS (SELECT 1 FROM rebuild_entries r WHERE r.rebuild_id = :id AND r.entry_id = v.id)
                RETURNING user_id
                """).param("id", rebuildId).query(UUID.class).list();
        return users.stream().distinct().toList();
    }

    private void write(String sql, JournalEntrySnapshot entry) {
        jdbc.sql(sql)
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
        // A restored entry gets back the attachments it kept while deleted.
        refreshAttachments(entry.entryId(), 0);
    }

    /** Rebuilds the entry's attachments list and moves its version forward to {@code entryVersion} if that is newer. */
    void refreshAttachments(UUID id, int entryVersion) {
        jdbc.sql(REFRESH_ATTACHMENTS).param("id", id).param("version", entryVersion).update();
    }

    /** Removes the entry unless the view already holds a newer state of it (a restore that overtook the delete). */
    void remove(UUID id, int version) {
        jdbc.sql("DELETE FROM journals_view WHERE id = :id AND version <= :version")
                .param("id", id)
                .param("version", version)
                .update();
    }

    void authorChanged(UUID userId, String name, String photo) {
        jdbc.sql("""
                UPDATE journals_view SET user_name = :name, user_photo = :photo
                 WHERE user_id = :userId AND (user_name, user_photo) IS DISTINCT FROM (:name, :photo)
                """)
                .param("userId", userId).param("name", name).param("photo", photo)
                .update();
    }

    void removeUser(UUID userId) {
        jdbc.sql("DELETE FROM journals_view WHERE user_id = :userId").param("userId", userId).update();
    }
}
