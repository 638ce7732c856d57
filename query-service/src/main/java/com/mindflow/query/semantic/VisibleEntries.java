package com.mindflow.query.semantic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The privacy guard of semantic retrieval: the read model ({@code journals_view}, {@code user_profile_view}) decides
 * which chunk hits may be shown, not the chunk index. An entry is shown only when it exists now, is the caller's, is
 * not private, and the caller is not in private mode and has not withdrawn data-processing consent. A chunk left behind
 * (the entry went private, was deleted, or the user switched private mode on or withdrew consent, and
 * projection-service has not deleted its chunks yet) is dropped here.
 */
@Component
class VisibleEntries {

    private static final String COLUMNS = "j.id, j.date, j.title, j.mood, j.tags::text AS tags, j.version,"
            + " j.is_private, COALESCE(CAST(p.settings ->> 'privateMode' AS boolean), false) AS private_mode,"
            // No profile yet, or consent never recorded: the write side refuses an account without it, so absent is
            // only a lagging read model, which the chunk index lags behind too.
            + " COALESCE(CAST(p.gdpr_consent ->> 'dataProcessingConsent' AS boolean), true) AS processing_consent";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    VisibleEntries(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The entries among {@code ids} the caller may be shown semantic results of, by id. */
    Map<UUID, Entry> visible(UUID userId, Collection<UUID> ids) {
        Map<UUID, Entry> visible = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return visible;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM journals_view j LEFT JOIN user_profile_view p ON p.id = j.user_id"
                + " WHERE j.user_id = :userId AND j.id IN (:ids)")
                .param("userId", userId)
                .param("ids", List.copyOf(ids))
                .query(this::entry)
                .list()
                .stream()
                .filter(Entry::shareable)
                .forEach(e -> visible.put(e.id(), e));
        return visible;
    }

    /** The caller's entry, private or not; empty when missing or someone else's. */
    Optional<Entry> owned(UUID userId, UUID entryId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM journals_view j LEFT JOIN user_profile_view p ON p.id = j.user_id"
                + " WHERE j.user_id = :userId AND j.id = :id")
                .param("userId", userId)
                .param("id", entryId)
                .query(this::entry)
                .optional();
    }

    /** The title and words of the caller's entries among {@code ids}, by id. */
    Map<UUID, Text> texts(UUID userId, Collection<UUID> ids) {
        Map<UUID, Text> texts = new LinkedHashMap<>();
        jdbc.sql("SELECT id, title, content FROM journals_view WHERE user_id = :userId AND id IN (:ids)")
                .param("userId", userId)
                .param("ids", List.copyOf(ids))
                .query((rs, row) -> new Text(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getString("content")))
                .list()
                .forEach(text -> texts.put(text.id(), text));
        return texts;
    }

    /** An entry's words as the read model has them now. */
    record Text(UUID id, String title, String content) {
    }

    private Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("date", LocalDate.class), rs.getString("title"),
                rs.getString("mood"), json.readValue(rs.getString("tags"), new TypeReference<List<String>>() {
                }), rs.getLong("version"), rs.getBoolean("is_private"), rs.getBoolean("private_mode"),
                rs.getBoolean("processing_consent"));
    }

    /** An entry as the read model has it now. */
    record Entry(UUID id, LocalDate date, String title, String mood, List<String> tags, long version,
            boolean isPrivate, boolean privateMode, boolean processingConsent) {

        /** May be a semantic result: neither the entry nor its author is private, and the author allows processing. */
        boolean shareable() {
            return !isPrivate && !privateMode && processingConsent;
        }
    }
}
