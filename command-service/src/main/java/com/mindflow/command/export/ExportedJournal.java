package com.mindflow.command.export;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The user's live journal as the export reads it: a page of entries at a time by keyset on the date (one live entry
 * per user and date, so the date is a complete key), with their tags and live attachments. Soft-deleted entries in
 * their restore window are not part of the journal the user sees, so not of the export either.
 */
@Repository
class ExportedJournal {

    private final JdbcClient jdbc;

    ExportedJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Entry(UUID id, LocalDate date, String title, String content, String mood, List<String> tags,
            String location, String weather, boolean isPrivate, int version, int wordCount, Instant createdAt,
            Instant updatedAt, List<StoredAttachment> attachments) {
    }

    record StoredAttachment(UUID id, String fileName, String contentType, long sizeBytes, String s3Key) {
    }

    int count(UUID user) {
        return jdbc.sql("SELECT count(*) FROM journal_entries WHERE user_id = :user AND deleted_at IS NULL")
                .param("user", user).query(Integer.class).single();
    }

    /** Up to {@code limit} entries dated after {@code after} (null: from the first), by date ascending. */
    List<Entry> page(UUID user, LocalDate after, int limit) {
        List<Entry> entries = jdbc.sql("""
                SELECT e.id, e.date, e.title, e.content, e.mood, e.location, e.weather, e.is_private, e.version,
                       e.word_count, e.created_at, e.updated_at,
                       ARRAY(SELECT t.name FROM journal_entry_tags jt JOIN tags t ON t.id = jt.tag_id
                             WHERE jt.journal_entry_id = e.id ORDER BY t.name) AS tags
                FROM journal_entries e
                WHERE e.user_id = :user AND e.deleted_at IS NULL AND e.date > :after
                ORDER BY e.date
                LIMIT :limit
                """)
                .param("user", user).param("after", after == null ? LocalDate.of(1, 1, 1) : after)
                .param("limit", limit)
                .query(ExportedJournal::entry).list();
        if (entries.isEmpty()) {
            return entries;
        }
        Map<UUID, List<StoredAttachment>> attachments = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT id, journal_entry_id, file_name, file_size, mime_type, s3_key FROM attachments
                WHERE journal_entry_id IN (:entries) AND deleted_at IS NULL
                ORDER BY uploaded_at, id
                """)
                .param("entries", entries.stream().map(Entry::id).toList())
                .query(rs -> {
                    attachments.computeIfAbsent(rs.getObject("journal_entry_id", UUID.class), k -> new ArrayList<>())
                            .add(new StoredAttachment(rs.getObject("id", UUID.class), rs.getString("file_name"),
                                    rs.getString("mime_type"), rs.getLong("file_size"), rs.getString("s3_key")));
                });
        return entries.stream().map(entry -> new Entry(entry.id(), entry.date(), entry.title(), entry.content(),
                entry.mood(), entry.tags(), entry.location(), entry.weather(), entry.isPrivate(), entry.version(),
                entry.wordCount(), entry.createdAt(), entry.updatedAt(),
                List.copyOf(attachments.getOrDefault(entry.id(), List.of())))).toList();
    }

    /** The streak row as the user's streaks read: current, longest, last entry date and totals. */
    Optional<Map<String, Object>> streaks(UUID user) {
        return jdbc.sql("""
                SELECT current_streak, longest_streak, last_entry_date, streak_start_date, total_entries, total_words
                FROM user_streaks WHERE user_id = :user
                """)
                .param("user", user)
                .query((rs, row) -> {
                    Map<String, Object> streaks = new LinkedHashMap<>();
                    streaks.put("currentStreak", rs.getInt("current_streak"));
                    streaks.put("longestStreak", rs.getInt("longest_streak"));
                    streaks.put("lastEntryDate", text(rs.getObject("last_entry_date", LocalDate.class)));
                    streaks.put("streakStartDate", text(rs.getObject("streak_start_date", LocalDate.class)));
                    streaks.put("totalEntries", rs.getInt("total_entries"));
                    streaks.put("totalWords", rs.getInt("total_words"));
                    return streaks;
                })
                .optional();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("date", LocalDate.class), rs.getString("title"),
                rs.getString("content"), rs.getString("mood"),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()), rs.getString("location"),
                rs.getString("weather"), rs.getBoolean("is_private"), rs.getInt("version"), rs.getInt("word_count"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), List.of());
    }
}
