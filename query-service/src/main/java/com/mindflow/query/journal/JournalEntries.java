package com.mindflow.query.journal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The user's entries in the read database. Every query is scoped by the caller's user id. */
@Component
class JournalEntries {

    private static final String COLUMNS = """
            id, date, title, content, mood, tags::text AS tags, location, weather, word_count, reading_time,
            is_private, attachment_count, version, created_at, updated_at
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JournalEntries(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    JournalEntryPage list(UUID userId, JournalEntryFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM journals_view WHERE user_id = :userId");
        var spec = new LinkedHashMap<String, Object>();
        spec.put("userId", userId);
        if (filter.mood() != null) {
            sql.append(" AND mood = :mood");
            spec.put("mood", filter.mood());
        }
        if (filter.tag() != null) {
            sql.append(" AND tags @> CAST(:tag AS jsonb)");
            spec.put("tag", json.writeValueAsString(List.of(filter.tag())));
        }
        if (filter.from() != null) {
            sql.append(" AND date >= :from");
            spec.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND date <= :to");
            spec.put("to", filter.to());
        }
        if (filter.before() != null) {
            sql.append(" AND date < :before");
            spec.put("before", filter.before());
        }
        sql.append(" ORDER BY date DESC LIMIT :limit");
        spec.put("limit", filter.limit() + 1);
        List<JournalEntryView> rows = jdbc.sql(sql.toString()).params(spec).query(this::entry).list();
        if (rows.size() <= filter.limit()) {
            return new JournalEntryPage(rows, null);
        }
        List<JournalEntryView> page = rows.subList(0, filter.limit());
        return new JournalEntryPage(List.copyOf(page), page.getLast().date());
    }

    /** The entry with its attachments as stored (object keys); empty when missing or someone else's. */
    Optional<StoredEntry> find(UUID userId, UUID entryId) {
        return jdbc.sql("SELECT " + COLUMNS + ", attachments::text AS attachments FROM journals_view"
                + " WHERE id = :id AND user_id = :userId")
                .param("id", entryId)
                .param("userId", userId)
                .query((rs, row) -> new StoredEntry(entry(rs, row), json.readValue(rs.getString("attachments"),
                        new TypeReference<List<StoredAttachment>>() {
                        })))
                .optional();
    }

    record StoredEntry(JournalEntryView entry, List<StoredAttachment> attachments) {
    }

    private JournalEntryView entry(ResultSet rs, int row) throws SQLException {
        return new JournalEntryView(rs.getObject("id", UUID.class), rs.getObject("date", LocalDate.class),
                rs.getString("title"), rs.getString("content"), rs.getString("mood"),
                json.readValue(rs.getString("tags"), new TypeReference<List<String>>() {
                }), rs.getString("location"), rs.getString("weather"), rs.getInt("word_count"),
                rs.getInt("reading_time"), rs.getBoolean("is_private"), rs.getLong("attachment_count"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
