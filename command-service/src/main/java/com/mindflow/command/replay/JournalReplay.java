package com.mindflow.command.replay;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.events.journal.JournalEntryReplayed.ReplayedAttachment;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.journal.WritingStreakUpdated;
import com.mindflow.support.replay.ReplayPublisher;

/**
 * Publishes the journal's current state on the replay topic (through {@link ReplayPublisher}), read in one REPEATABLE
 * READ transaction so every snapshot is of the same moment ({@code asOf}).
 *
 * <p>Entries of accounts that were deleted are left out: their erasure must not be undone by a rebuild.
 */
@Component
class JournalReplay {

    static final int PAGE = 500;

    // Accounts in their deletion grace period are replayed (a cancel brings them back whole); those due for the
    // purge are not: their erasure is on its way.
    private static final String ENTRIES = """
            SELECT e.id, e.user_id, e.date, e.title, e.content, e.mood, e.location, e.weather, e.word_count,
                   e.reading_time, e.is_private, e.version, e.created_at, e.updated_at, e.deleted_at,
                   ARRAY(SELECT t.name FROM journal_entry_tags et JOIN tags t ON t.id = et.tag_id
                          WHERE et.journal_entry_id = e.id ORDER BY t.name) AS tags
              FROM journal_entries e
             WHERE (e.user_id, e.id) > (:afterUser, :afterId)
               AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = e.user_id AND u.purge_after <= now())
             ORDER BY e.user_id, e.id
             LIMIT :page
            """;
    private static final String ATTACHMENTS = """
            SELECT id, journal_entry_id, file_name, file_size, mime_type, s3_key, thumbnail_s3_key, uploaded_at
              FROM attachments
             WHERE journal_entry_id = ANY(:entries) AND deleted_at IS NULL
             ORDER BY uploaded_at, id
            """;
    private static final String STREAKS = """
            SELECT s.user_id, s.current_streak, s.longest_streak, s.streak_start_date, s.last_entry_date,
                   s.total_entries, s.total_words, s.updated_at
              FROM user_streaks s
             WHERE s.user_id > :afterUser
               AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.purge_after <= now())
             ORDER BY s.user_id
             LIMIT :page
            """;
    private static final UUID FIRST = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final ReplayPublisher publisher;

    JournalReplay(JdbcClient jdbc, PlatformTransactionManager transactions, KafkaTemplate<String, String> kafka,
            @Value("${spring.application.name}") String source) {
        this.jdbc = jdbc;
        this.publisher = new ReplayPublisher(kafka, source);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    record Summary(long entries, long streaks, Instant asOf) {
    }

    Summary publish(UUID rebuildId, String sink) {
        Summary summary = snapshot.execute(status -> {
            Instant asOf = jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
            String correlation = "rebuild-" + rebuildId;
            long entries = 0;
            UUID afterUser = FIRST;
            UUID afterId = FIRST;
            while (true) {
                List<JournalEntryReplayed> page = entries(afterUser, afterId);
                if (page.isEmpty()) {
                    break;
                }
                publisher.send(rebuildId, sink, page.stream().map(e -> EventEnvelope.of(e, correlation)).toList());
                entries += page.size();
                afterUser = page.getLast().userId();
                afterId = page.getLast().entryId();
            }
            long streaks = 0;
            afterUser = FIRST;
            while (true) {
                List<WritingStreakUpdated> page = streaks(afterUser);
                if (page.isEmpty()) {
                    break;
                }
                publisher.send(rebuildId, sink, page.stream().map(s -> EventEnvelope.of(s, correlation)).toList());
                streaks += page.size();
                afterUser = page.getLast().userId();
            }
            return new Summary(entries, streaks, asOf);
        });
        publisher.complete(rebuildId, sink, summary.entries() + summary.streaks(), summary.asOf());
        return summary;
    }

    private List<JournalEntryReplayed> entries(UUID afterUser, UUID afterId) {
        record Row(UUID id, UUID user, LocalDate date, String title, String content, String mood, String location,
                String weather, int words, int reading, boolean isPrivate, int version, Instant created,
                Instant updated, Instant deleted, List<String> tags) {
        }
        List<Row> rows = jdbc.sql(ENTRIES).param("afterUser", afterUser).param("afterId", afterId)
                .param("page", PAGE)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                        rs.getDate("date").toLocalDate(), rs.getString("title"), rs.getString("content"),
                        rs.getString("mood"), rs.getString("location"), rs.getString("weather"),
                        rs.getInt("word_count"), rs.getInt("reading_time"), rs.getBoolean("is_private"),
                        rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"),
                        instant(rs, "deleted_at"), strings(rs.getArray("tags"))))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ReplayedAttachment>> attachments = new LinkedHashMap<>();
        jdbc.sql(ATTACHMENTS).param("entries", rows.stream().map(Row::id).toArray(UUID[]::new))
                .query(rs -> {
                    attachments.computeIfAbsent(rs.getObject("journal_entry_id", UUID.class), id -> new ArrayList<>())
                            .add(new ReplayedAttachment(rs.getObject("id", UUID.class), rs.getString("file_name"),
                                    rs.getLong("file_size"), rs.getString("mime_type"), rs.getString("s3_key"),
                                    rs.getString("thumbnail_s3_key"), instant(rs, "uploaded_at")));
                });
        return rows.stream().map(r -> new JournalEntryReplayed(r.id(), r.user(), r.date(), r.title(), r.content(),
                r.mood() == null ? null : Mood.fromWireName(r.mood()), r.tags(), r.location(), r.weather(),
                r.words(), r.reading(), r.isPrivate(), r.version(), r.created(), r.updated(), r.deleted(),
                attachments.getOrDefault(r.id(), List.of()))).toList();
    }

    private List<WritingStreakUpdated> streaks(UUID afterUser) {
        return jdbc.sql(STREAKS).param("afterUser", afterUser).param("page", PAGE)
                .query((rs, n) -> new WritingStreakUpdated(rs.getObject("user_id", UUID.class),
                        rs.getInt("current_streak"), rs.getInt("longest_streak"), localDate(rs, "streak_start_date"),
                        localDate(rs, "last_entry_date"), rs.getInt("total_entries"), rs.getLong("total_words"),
                        instant(rs, "updated_at")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
        java.sql.Date value = rs.getDate(column);
        return value == null ? null : value.toLocalDate();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
