package com.mindflow.command.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mindflow.command.journal.AuthorId;

/** {@code journal_imports}, their results and the ledger: the one place that reads and writes them. */
@Repository
public class ImportStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    ImportStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    boolean hasActive(AuthorId author) {
        return jdbc.sql("SELECT count(*) FROM journal_imports WHERE user_id = :user AND status IN ('queued', 'running')")
                .param("user", author.value()).query(Long.class).single() > 0;
    }

    /**
     * Fails the user's imports that have not progressed since {@code before}: their worker is gone (the service
     * instance stopped, taking the upload with it), and they would block the user's next import for ever.
     */
    int failAbandoned(AuthorId author, Instant before, Instant now) {
        return jdbc.sql("""
                UPDATE journal_imports SET status = 'failed', finished_at = :now,
                       error = 'The import stopped with the service; import the same file again to resume.'
                 WHERE user_id = :user AND status IN ('queued', 'running') AND progressed_at < :before
                """)
                .param("user", author.value()).param("before", Timestamp.from(before))
                .param("now", Timestamp.from(now)).update();
    }

    /** Shows the import is alive while a long step (an entry's attachments) runs. */
    void touch(ImportId id) {
        jdbc.sql("UPDATE journal_imports SET progressed_at = now() WHERE id = :id").param("id", id.value()).update();
    }

    /** A new queued import; {@link ImportBusy} when the user has one queued or running (the partial unique index). */
    void create(ImportId id, AuthorId author, ImportFormat format, int total, Instant now) {
        try {
            jdbc.sql("""
                    INSERT INTO journal_imports (id, user_id, format, status, total, created_at)
                    VALUES (:id, :user, :format, 'queued', :total, :now)
                    """)
                    .param("id", id.value()).param("user", author.value()).param("format", format.wireName())
                    .param("total", total).param("now", Timestamp.from(now))
                    .update();
        }
        catch (DuplicateKeyException running) {
            throw new ImportBusy();
        }
    }

    /** Whether the queued import could be started: false when it was given up meanwhile (see failAbandoned). */
    boolean start(ImportId id, Instant now) {
        return jdbc.sql("""
                UPDATE journal_imports SET status = 'running', started_at = :now, progressed_at = :now
                 WHERE id = :id AND status = 'queued'
                """).param("id", id.value()).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Adds a batch's results and counts; in the batch's transaction, so they commit with its entries. */
    void record(ImportId id, List<ImportResult> results) {
        // One round trip for the batch's results: a statement each would cost as much as the entries themselves.
        batch.batchUpdate("""
                INSERT INTO journal_import_results (import_id, position, source_key, source_date, outcome,
                                                    entry_id, reason)
                VALUES (:id, :position, :key, :date, :outcome, :entry, :reason)
                """, results.stream().map(result -> new MapSqlParameterSource()
                .addValue("id", id.value()).addValue("position", result.position())
                .addValue("key", EntryRules.cut(result.sourceKey(), 200))
                .addValue("date", EntryRules.cut(result.sourceDate(), 40))
                .addValue("outcome", result.outcome()).addValue("entry", result.entryId())
                .addValue("reason", result.reason())).toArray(SqlParameterSource[]::new));
        jdbc.sql("""
                UPDATE journal_imports SET processed = processed + :processed, imported = imported + :imported,
                       duplicates = duplicates + :duplicates, conflicts = conflicts + :conflicts,
                       failed = failed + :failed, progressed_at = now()
                 WHERE id = :id
                """)
                .param("id", id.value()).param("processed", results.size())
                .param("imported", count(results, ImportResult.IMPORTED))
                .param("duplicates", count(results, ImportResult.DUPLICATE))
                .param("conflicts", count(results, ImportResult.CONFLICT))
                .param("failed", count(results, ImportResult.INVALID))
                .update();
    }

    /** Adds to a result's reason what went wrong after its entry was written (an attachment S3 refused). */
    void appendReason(ImportId id, int position, String reason) {
        jdbc.sql("""
                UPDATE journal_import_results
                   SET reason = CASE WHEN reason IS NULL THEN :reason ELSE reason || '; ' || :reason END
                 WHERE import_id = :id AND position = :position
                """)
                .param("id", id.value()).param("position", position).param("reason", reason).update();
    }

    void finish(ImportId id, String status, String error, Instant now) {
        jdbc.sql("UPDATE journal_imports SET status = :status, error = :error, finished_at = :now WHERE id = :id")
                .param("id", id.value()).param("status", status).param("error", error)
                .param("now", Timestamp.from(now)).update();
    }

    Optional<ImportStatus> find(AuthorId author, ImportId id) {
        return jdbc.sql("SELECT * FROM journal_imports WHERE id = :id AND user_id = :user")
                .param("id", id.value()).param("user", author.value())
                .query((rs, n) -> status(rs)).optional();
    }

    List<ImportResult> results(ImportId id) {
        return jdbc.sql("""
                SELECT position, source_key, source_date, outcome, entry_id, reason
                  FROM journal_import_results WHERE import_id = :id ORDER BY position
                """)
                .param("id", id.value())
                .query((rs, n) -> new ImportResult(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getString(6)))
                .list();
    }

    /** The ledger's entries among {@code keys}: source key to the journal entry once written for it. */
    Map<String, UUID> ledger(AuthorId author, ImportFormat format, Collection<String> keys) {
        Map<String, UUID> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT source_key, entry_id FROM journal_import_ledger
                 WHERE user_id = :user AND source_format = :format AND source_key = ANY(:keys)
                """)
                .param("user", author.value()).param("format", format.wireName())
                .param("keys", keys.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    void remember(AuthorId author, ImportFormat format, String key, UUID entryId, ImportId importId) {
        jdbc.sql("""
                INSERT INTO journal_import_ledger (user_id, source_format, source_key, entry_id, import_id)
                VALUES (:user, :format, :key, :entry, :import)
                ON CONFLICT (user_id, source_format, source_key) DO NOTHING
                """)
                .param("user", author.value()).param("format", format.wireName()).param("key", key)
                .param("entry", entryId).param("import", importId.value())
                .update();
    }

    /** GDPR erasure: the user's imports, results (by cascade) and ledger. */
    public void erase(AuthorId author) {
        jdbc.sql("DELETE FROM journal_import_ledger WHERE user_id = :user").param("user", author.value()).update();
        jdbc.sql("DELETE FROM journal_imports WHERE user_id = :user").param("user", author.value()).update();
    }

    private static int count(List<ImportResult> results, String outcome) {
        return (int) results.stream().filter(result -> result.outcome().equals(outcome)).count();
    }

    private static ImportStatus status(ResultSet rs) throws SQLException {
        int total = rs.getInt("total");
        int processed = rs.getInt("processed");
        String status = rs.getString("status");
        int percent = total == 0 ? (ImportStatus.COMPLETED.equals(status) ? 100 : 0) : processed * 100 / total;
        ImportId id = new ImportId(rs.getObject("id", UUID.class));
        return new ImportStatus(id.value(), rs.getString("format"), status, percent, total, processed,
                new ImportStatus.Counts(rs.getInt("imported"), rs.getInt("duplicates"), rs.getInt("conflicts"),
                        rs.getInt("failed")),
                rs.getString("error"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), ImportController.PATH + "/" + id + "/results");
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
