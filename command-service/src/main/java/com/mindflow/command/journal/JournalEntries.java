package com.mindflow.command.journal;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mindflow.events.journal.Mood;

/**
 * Every journal entry of the write database, and its tag links: the one place that writes {@code journal_entries}
 * and {@code journal_entry_tags}. Plain SQL, one statement per step; callers hold the author's lock
 * ({@code Streaks#lock}) for every write but the purge and the attachments' version bump.
 */
@Repository
public class JournalEntries {

    private static final String COLUMNS = """
            e.id, e.user_id, e.date, e.title, e.content, e.mood, e.location, e.weather, e.word_count,
            e.reading_time, e.is_private, e.version, e.created_at, e.updated_at, e.deleted_at,
            ARRAY(SELECT t.name FROM journal_entry_tags et JOIN tags t ON t.id = et.tag_id
                   WHERE et.journal_entry_id = e.id) AS tags
            """;

    // Conflicts only with a live entry of the same day (uq_user_date is partial): no row back means the day is taken.
    private static final String INSERT = """
            INSERT INTO journal_entries (id, user_id, date, title, content, mood, location, weather, word_count,
                                         reading_time, is_private, version, created_at, updated_at)
            VALUES (:id, :user, :date, :title, :content, :mood, :location, :weather, :words, :reading, :private,
                    :version, :createdAt, :updatedAt)
            ON CONFLICT (user_id, date) WHERE deleted_at IS NULL DO NOTHING
            """;

    // The version in the WHERE is the optimistic check: a row changed meanwhile (an attachment) updates nothing.
    private static final String UPDATE = """
            UPDATE journal_entries SET date = :date, title = :title, content = :content, mood = :mood,
                   location = :location, weather = :weather, word_count = :words, reading_time = :reading,
                   is_private = :private, version = :version, updated_at = :updatedAt, deleted_at = :deletedAt
             WHERE id = :id AND user_id = :user AND version = :version - 1
            """;

    /*
     * Tags and links in one statement. Only names missing from the statement's snapshot are inserted, so existing
     * tags are never updated (no row lock on a popular tag that every writer would queue behind). A name another
     * transaction inserts meanwhile is skipped by DO NOTHING and invisible to this snapshot: it then has no id here,
     * the statement answers fewer links than names, and the caller runs it again (a new snapshot sees that tag).
     * Links that exist already are kept (DO NOTHING), links to names no longer wanted are removed.
     */
    private static final String LINK_TAGS = """
            WITH wanted AS (SELECT DISTINCT unnest(CAST(:names AS text[])) AS name),
            existing AS (SELECT t.id FROM tags t JOIN wanted w ON w.name = t.name),
            added AS (
                INSERT INTO tags (name) SELECT w.name FROM wanted w
                 WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.name = w.name)
                ON CONFLICT (name) DO NOTHING
                RETURNING id),
            ids AS (SELECT id FROM existing UNION ALL SELECT id FROM added),
            dropped AS (
                DELETE FROM journal_entry_tags et WHERE et.journal_entry_id = :entry
                   AND NOT EXISTS (SELECT 1 FROM ids WHERE ids.id = et.tag_id)),
            linked AS (
                INSERT INTO journal_entry_tags (journal_entry_id, tag_id) SELECT :entry, id FROM ids
                ON CONFLICT (journal_entry_id, tag_id) DO NOTHING)
            SELECT count(*) FROM ids
            """;

    private static final String UNLINK_TAGS = "DELETE FROM journal_entry_tags WHERE journal_entry_id = :entry";

    private static final String CLAIM_EXPIRED = """
            SELECT id, user_id FROM journal_entries
             WHERE deleted_at IS NOT NULL AND deleted_at <= :cutoff
             ORDER BY deleted_at
             LIMIT :limit
             FOR UPDATE SKIP LOCKED
            """;

    private final JdbcClient jdbc;

    JournalEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One of the author's entries, with its tags; another author's entry is as absent as an unknown id. */
    Optional<JournalEntry> findOwn(AuthorId author, JournalEntryId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM journal_entries e WHERE e.id = :id AND e.user_id = :user")
                .param("id", id.value()).param("user", author.value())
                .query((rs, n) -> entry(rs))
                .optional();
    }

    /**
     * The live entry an author has for a day. A deleted entry frees its day (uq_user_date is a partial unique index
     * over live entries, see db-migrations/DESIGN-NOTES.md).
     */
    Optional<JournalEntryId> findForDay(AuthorId author, LocalDate date) {
        return jdbc.sql("SELECT id FROM journal_entries WHERE user_id = :user AND date = :date AND deleted_at IS NULL")
                .param("user", author.value()).param("date", Date.valueOf(date))
                .query((rs, n) -> new JournalEntryId(rs.getObject(1, UUID.class)))
                .optional();
    }

    /** Stores a new entry and its tags; {@link EntryAlreadyWritten} when the author has a live entry that day. */
    void insert(JournalEntry entry) {
        int inserted = columns(jdbc.sql(INSERT), entry)
                .param("createdAt", Timestamp.from(entry.createdAt()))
                .update();
        if (inserted == 0) {
            JournalEntryId existing = findForDay(entry.author(), entry.date()).orElseThrow(() ->
                    new IllegalStateException("Entry " + entry.id() + " conflicted, but the day is free"));
            throw new EntryAlreadyWritten(existing, entry.date());
        }
        if (!entry.tagNames().isEmpty()) {
            linkTags(entry);
        }
    }

    /**
     * Stores a change the aggregate made (its version already raised by one); {@link StaleEntry} when the row no
     * longer holds the version before. Tags are written only when {@code tagsChanged}.
     */
    void update(JournalEntry entry, boolean tagsChanged) {
        int updated = columns(jdbc.sql(UPDATE), entry)
                .param("deletedAt", entry.deletedAt() == null ? null : Timestamp.from(entry.deletedAt()))
                .update();
        if (updated == 0) {
            int current = jdbc.sql("SELECT version FROM journal_entries WHERE id = :id")
                    .param("id", entry.id().value()).query(Integer.class).optional()
                    .orElseThrow(() -> new EntryNotFound(entry.id()));
            throw new StaleEntry(entry.id(), current);
        }
        if (tagsChanged) {
            if (entry.tagNames().isEmpty()) {
                jdbc.sql(UNLINK_TAGS).param("entry", entry.id().value()).update();
            }
            else {
                linkTags(entry);
            }
        }
    }

    private void linkTags(JournalEntry entry) {
        String[] names = entry.tagNames().toArray(String[]::new);
        // Runs again only after losing a race for a new name: each run's snapshot sees the tags committed before it.
        for (int attempt = 1; ; attempt++) {
            long linked = jdbc.sql(LINK_TAGS).param("names", names).param("entry", entry.id().value())
                    .query(Long.class).single();
            if (linked == names.length) {
                return;
            }
            if (attempt == 3) {
                throw new IllegalStateException("Tags of entry " + entry.id() + " could not be linked");
            }
        }
    }

    /**
     * Raises the version of the author's live entry by one (an attachment came or went) and returns the new version;
     * empty when there is no such entry. The update also locks the row until commit, so two uploads to one entry
     * count its attachments one after the other, and a concurrent edit with the old version fails its check.
     */
    public OptionalInt bumpVersion(AuthorId author, JournalEntryId entry) {
        return jdbc.sql("""
                UPDATE journal_entries SET version = version + 1
                WHERE id = :entry AND user_id = :author AND deleted_at IS NULL
                RETURNING version
                """)
                .param("entry", entry.value()).param("author", author.value())
                .query(Integer.class).optional()
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** Up to {@code limit} entries deleted at or before {@code cutoff}, locked; rows another purger holds are skipped. */
    List<JournalEntryPurged> claimExpired(Instant cutoff, int limit) {
        return jdbc.sql(CLAIM_EXPIRED)
                .param("cutoff", Timestamp.from(cutoff))
                .param("limit", limit)
                .query((rs, n) -> new JournalEntryPurged(new JournalEntryId(rs.getObject(1, UUID.class)),
                        new AuthorId(rs.getObject(2, UUID.class))))
                .list();
    }

    /** Removes the row for good; its tag links and attachment rows go with it (ON DELETE CASCADE). */
    void purge(JournalEntryId id) {
        jdbc.sql("DELETE FROM journal_entries WHERE id = :id").param("id", id.value()).update();
    }

    /** GDPR erasure: every entry of the author, live or deleted; tag links and attachment rows go by cascade. */
    public int eraseAuthor(AuthorId author) {
        return jdbc.sql("DELETE FROM journal_entries WHERE user_id = :author").param("author", author.value())
                .update();
    }

    /**
     * Deletes the tags no entry links any more: a name only an erased user wrote is theirs, and must go with them.
     * One statement per tag: a tag another writer links meanwhile fails its delete (the link's foreign key has no
     * cascade), and is kept.
     */
    public int deleteUnusedTags() {
        List<UUID> unused = jdbc.sql("""
                SELECT t.id FROM tags t WHERE NOT EXISTS (SELECT 1 FROM journal_entry_tags et WHERE et.tag_id = t.id)
                """).query(UUID.class).list();
        int deleted = 0;
        for (UUID tag : unused) {
            try {
                deleted += jdbc.sql("""
                        DELETE FROM tags t WHERE t.id = :tag
                           AND NOT EXISTS (SELECT 1 FROM journal_entry_tags et WHERE et.tag_id = t.id)
                        """).param("tag", tag).update();
            }
            catch (DataIntegrityViolationException linkedMeanwhile) {
                // In use again: keep it.
            }
        }
        return deleted;
    }

    private static JdbcClient.StatementSpec columns(JdbcClient.StatementSpec statement, JournalEntry entry) {
        return statement
                .param("id", entry.id().value())
                .param("user", entry.author().value())
                .param("date", Date.valueOf(entry.date()))
                .param("title", entry.title())
                .param("content", entry.content())
                .param("mood", entry.mood() == null ? null : entry.mood().wireName())
                .param("location", entry.location())
                .param("weather", entry.weather())
                .param("words", entry.wordCount())
                .param("reading", entry.readingTime())
                .param("private", entry.isPrivate())
                .param("version", entry.version())
                .param("updatedAt", Timestamp.from(entry.updatedAt()));
    }

    private static JournalEntry entry(ResultSet rs) throws SQLException {
        String mood = rs.getString("mood");
        return JournalEntry.stored(new JournalEntry.Stored(new JournalEntryId(rs.getObject("id", UUID.class)),
                new AuthorId(rs.getObject("user_id", UUID.class)), rs.getDate("date").toLocalDate(),
                rs.getString("title"), rs.getString("content"), mood == null ? null : Mood.fromWireName(mood),
                rs.getString("location"), rs.getString("weather"), rs.getInt("word_count"),
                rs.getInt("reading_time"), rs.getBoolean("is_private"), rs.getInt("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "deleted_at"),
                strings(rs.getArray("tags"))));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
