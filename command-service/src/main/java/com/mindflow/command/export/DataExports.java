package com.mindflow.command.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code data_exports} rows. Every change a worker makes names its claim: a worker that lost its export to
 * another (its heartbeat went stale) changes nothing any more.
 */
@Repository
public class DataExports {

    private static final String COLUMNS = """
            id, user_id, status, requested_at, entries_total, entries_done, s3_key, size_bytes, completed_at,
            remove_after, failure""";

    private final JdbcClient jdbc;

    DataExports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a queued export. Throws {@link org.springframework.dao.DuplicateKeyException} when the user has one
     * in progress already: the partial unique index decides, so two concurrent requests cannot both pass.
     */
    void insert(DataExportId id, UUID user, String accountJson, Instant requestedAt, Instant removeAfter) {
        jdbc.sql("""
                INSERT INTO data_exports (id, user_id, status, account, requested_at, remove_after)
                VALUES (:id, :user, 'queued', CAST(:account AS jsonb), :requestedAt, :removeAfter)
                """)
                .param("id", id.value()).param("user", user).param("account", accountJson)
                .param("requestedAt", Timestamp.from(requestedAt)).param("removeAfter", Timestamp.from(removeAfter))
                .update();
    }

    /** The user's export; empty for an unknown id and for another user's alike. */
    public Optional<DataExport> find(DataExportId id, UUID user) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_exports WHERE id = :id AND user_id = :user")
                .param("id", id.value()).param("user", user)
                .query(DataExports::export).optional();
    }

    /** The user's export in progress, if any (a cheap pre-check; the unique index is the guard). */
    Optional<DataExport> inProgress(UUID user) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM data_exports WHERE user_id = :user"
                        + " AND status IN ('queued', 'running')")
                .param("user", user).query(DataExports::export).optional();
    }

    /** What a worker needs to run an export it claimed. */
    record Claim(DataExportId id, UUID userId, UUID claimId, String accountJson, int attempt) {
    }

    /**
     * Claims the oldest queued export, or a running one whose heartbeat is older than {@code staleBefore} (its worker
     * died). {@code FOR UPDATE SKIP LOCKED}: workers of several instances never claim the same row, and never wait on
     * each other's claim.
     */
    Optional<Claim> claim(Instant now, Instant staleBefore, int maxAttempts) {
        UUID claimId = UUID.randomUUID();
        return jdbc.sql("""
                UPDATE data_exports SET status = 'running', claim_id = :claim, heartbeat_at = :now,
                       started_at = coalesce(started_at, :now), attempts = attempts + 1, entries_done = 0
                WHERE id = (SELECT id FROM data_exports
                            WHERE (status = 'queued' OR (status = 'running' AND heartbeat_at < :stale))
                              AND attempts < :maxAttempts
                            ORDER BY requested_at
                            LIMIT 1
                            FOR UPDATE SKIP LOCKED)
                RETURNING id, user_id, account::text AS account, attempts
                """)
                .param("claim", claimId).param("now", Timestamp.from(now)).param("stale", Timestamp.from(staleBefore))
                .param("maxAttempts", maxAttempts)
                .query((rs, row) -> new Claim(new DataExportId(rs.getObject("id", UUID.class)),
                        rs.getObject("user_id", UUID.class), claimId, rs.getString("account"), rs.getInt("attempts")))
                .optional();
    }

    /** Exports whose workers died {@code maxAttempts} times: failed, so the user may ask again. */
    int giveUpAbandoned(Instant now, Instant staleBefore, int maxAttempts) {
        return jdbc.sql("""
                UPDATE data_exports SET status = 'failed', failure = 'the export stopped ' || attempts || ' times',
                       completed_at = :now
                WHERE status = 'running' AND heartbeat_at < :stale AND attempts >= :maxAttempts
                """)
                .param("now", Timestamp.from(now)).param("stale", Timestamp.from(staleBefore))
                .param("maxAttempts", maxAttempts).update();
    }

    /** Records progress and that the worker lives; false when the claim was lost (stop working then). */
    boolean heartbeat(Claim claim, Instant now, Integer entriesTotal, int entriesDone) {
        return jdbc.sql("""
                UPDATE data_exports SET heartbeat_at = :now, entries_total = :total, entries_done = :done
                WHERE id = :id AND claim_id = :claim AND status = 'running'
                """)
                .param("now", Timestamp.from(now)).param("total", entriesTotal).param("done", entriesDone)
                .param("id", claim.id().value()).param("claim", claim.claimId()).update() == 1;
    }

    boolean complete(Claim claim, String key, long sizeBytes, int entries, Instant now, Instant removeAfter) {
        return jdbc.sql("""
                UPDATE data_exports SET status = 'completed', s3_key = :key, size_bytes = :size, entries_total = :n,
                       entries_done = :n, completed_at = :now, heartbeat_at = :now, remove_after = :removeAfter
                WHERE id = :id AND claim_id = :claim AND status = 'running'
                """)
                .param("key", key).param("size", sizeBytes).param("n", entries).param("now", Timestamp.from(now))
                .param("removeAfter", Timestamp.from(removeAfter))
                .param("id", claim.id().value()).param("claim", claim.claimId()).update() == 1;
    }

    boolean fail(Claim claim, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE data_exports SET status = 'failed', failure = left(:reason, 200), completed_at = :now
                WHERE id = :id AND claim_id = :claim AND status = 'running'
                """)
                .param("reason", reason).param("now", Timestamp.from(now))
                .param("id", claim.id().value()).param("claim", claim.claimId()).update() == 1;
    }

    /** A finished export past its retention: the archive (if any) to delete, then the row. */
    record Expired(DataExportId id, UUID userId) {
    }

    List<Expired> expired(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id, user_id FROM data_exports
                WHERE remove_after <= :now AND status IN ('completed', 'failed')
                ORDER BY remove_after LIMIT :limit
                """)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, row) -> new Expired(new DataExportId(rs.getObject("id", UUID.class)),
                        rs.getObject("user_id", UUID.class)))
                .list();
    }

    boolean exists(DataExportId id) {
        return jdbc.sql("SELECT count(*) FROM data_exports WHERE id = :id").param("id", id.value())
                .query(Integer.class).single() > 0;
    }

    void delete(DataExportId id) {
        jdbc.sql("DELETE FROM data_exports WHERE id = :id").param("id", id.value()).update();
    }

    /** Every export row of the user (GDPR erasure); the archives are under the user's object prefix. */
    public int eraseUser(UUID user) {
        return jdbc.sql("DELETE FROM data_exports WHERE user_id = :user").param("user", user).update();
    }

    private static DataExport export(ResultSet rs, int row) throws SQLException {
        Timestamp completedAt = rs.getTimestamp("completed_at");
        return new DataExport(new DataExportId(rs.getObject("id", UUID.class)), rs.getObject("user_id", UUID.class),
                ExportStatus.of(rs.getString("status")), rs.getTimestamp("requested_at").toInstant(),
                rs.getObject("entries_total", Integer.class), rs.getInt("entries_done"), rs.getString("s3_key"),
                rs.getObject("size_bytes", Long.class), completedAt == null ? null : completedAt.toInstant(),
                rs.getTimestamp("remove_after").toInstant(), rs.getString("failure"));
    }
}
