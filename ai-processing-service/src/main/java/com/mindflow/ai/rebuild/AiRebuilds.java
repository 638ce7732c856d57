package com.mindflow.ai.rebuild;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code ai_rebuilds} of the analytics database (this service's own table, migration analytics V10). */
@Component
class AiRebuilds {

    /** A rebuild: when it was asked for, and when this service began it (the sweep's line). */
    record Rebuild(UUID id, Instant requestedAt, Instant startedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AiRebuilds(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    Optional<Rebuild> find(UUID id) {
        return jdbc.sql("SELECT rebuild_id, requested_at, started_at FROM ai_rebuilds WHERE rebuild_id = :id")
                .param("id", id).query(AiRebuilds::rebuild).optional();
    }

    Optional<Rebuild> running() {
        return jdbc.sql("SELECT rebuild_id, requested_at, started_at FROM ai_rebuilds WHERE finished_at IS NULL")
                .query(AiRebuilds::rebuild).optional();
    }

    /** Records the rebuild as the running one; the running one it supersedes, if any, is marked and returned. */
    Optional<UUID> start(UUID id, Instant requestedAt) {
        return transactions.execute(tx -> {
            Optional<UUID> superseded = jdbc.sql("""
                    UPDATE ai_rebuilds SET finished_at = now(), outcome = 'superseded'
                     WHERE finished_at IS NULL RETURNING rebuild_id
                    """).query(UUID.class).optional();
            jdbc.sql("INSERT INTO ai_rebuilds (rebuild_id, requested_at) VALUES (:id, :requestedAt)")
                    .param("id", id).param("requestedAt", Timestamp.from(requestedAt)).update();
            return superseded;
        });
    }

    void replayed(UUID id) {
        jdbc.sql("UPDATE ai_rebuilds SET replayed = replayed + 1 WHERE rebuild_id = :id").param("id", id).update();
    }

    /**
     * Counts one completion marker, {@code <source>:<partition>} (a redelivered marker counts once); true when all
     * {@code expected} are in.
     */
    boolean partitionCompleted(UUID id, String marker, int expected) {
        jdbc.sql("""
                UPDATE ai_rebuilds
                   SET completed_partitions = array_append(completed_partitions, CAST(:marker AS text)),
                       partitions = :expected
                 WHERE rebuild_id = :id AND finished_at IS NULL
                   AND NOT (CAST(:marker AS text) = ANY (completed_partitions))
                """).param("id", id).param("marker", marker).param("expected", expected).update();
        return jdbc.sql("""
                SELECT cardinality(completed_partitions) >= partitions FROM ai_rebuilds
                 WHERE rebuild_id = :id AND finished_at IS NULL
                """).param("id", id).query(Boolean.class).optional().orElse(false);
    }

    /** Marks the rebuild completed; false when it was finished already (a redelivered last marker). */
    boolean complete(UUID id, int swept) {
        return jdbc.sql("""
                UPDATE ai_rebuilds SET finished_at = now(), outcome = 'completed', swept = :swept
                 WHERE rebuild_id = :id AND finished_at IS NULL
                """).param("id", id).param("swept", swept).update() == 1;
    }

    private static Rebuild rebuild(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Rebuild(rs.getObject("rebuild_id", UUID.class), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("started_at").toInstant());
    }
}
