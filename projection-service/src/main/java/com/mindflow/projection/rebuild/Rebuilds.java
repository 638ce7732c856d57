package com.mindflow.projection.rebuild;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/** {@code projection_rebuilds} and {@code rebuild_entries}: which rebuild runs for a sink, and what it has seen. */
@Component
public class Rebuilds {

    private static final String COLUMNS = "rebuild_id, sink, requested_at, target";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Rebuilds(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc,
            @Qualifier("readDataSource") DataSource readDataSource) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(readDataSource));
    }

    public Optional<Rebuild> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuilds WHERE rebuild_id = :id")
                .param("id", id).query(Rebuilds::rebuild).optional();
    }

    /** The sink's running rebuild, if any. */
    public Optional<Rebuild> running(String sink) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuilds WHERE sink = :sink AND finished_at IS NULL")
                .param("sink", sink).query(Rebuilds::rebuild).optional();
    }

    /** Records the new rebuild as the sink's running one; the one it supersedes (if any) is marked and returned. */
    Optional<Rebuild> start(Rebuild rebuild) {
        return transactions.execute(status -> {
            Optional<Rebuild> superseded = jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuilds"
                            + " WHERE sink = :sink AND finished_at IS NULL FOR UPDATE")
                    .param("sink", rebuild.sink()).query(Rebuilds::rebuild).optional();
            superseded.ifPresent(old -> finish(old.id(), "superseded"));
            jdbc.sql("""
                    INSERT INTO projection_rebuilds (rebuild_id, sink, requested_at, target)
                    VALUES (:id, :sink, :requestedAt, :target)
                    """)
                    .param("id", rebuild.id()).param("sink", rebuild.sink())
                    .param("requestedAt", Timestamp.from(rebuild.requestedAt())).param("target", rebuild.target())
                    .update();
            return superseded;
        });
    }

    /**
     * Counts one completion marker, {@code <source>:<partition>} (a redelivered marker counts once), and tells whether
     * all {@code expected} markers (partitions × sources) are in.
     */
    boolean partitionCompleted(UUID id, String marker, int expected) {
        jdbc.sql("""
                UPDATE projection_rebuilds
                   SET completed_partitions = array_append(completed_partitions, CAST(:marker AS text)),
                       partitions = :expected
                 WHERE rebuild_id = :id AND finished_at IS NULL AND NOT (CAST(:marker AS text) = ANY (completed_partitions))
                """)
                .param("id", id).param("marker", marker).param("expected", expected).update();
        return jdbc.sql("""
                SELECT cardinality(completed_partitions) >= partitions FROM projection_rebuilds
                 WHERE rebuild_id = :id AND finished_at IS NULL
                """)
                .param("id", id).query(Boolean.class).optional().orElse(false);
    }

    /**
     * Runs {@code completion} at most once per rebuild, even when two partitions' markers race: the row stays locked
     * until it is marked completed in the same transaction.
     */
    void completeOnce(UUID id, Completion completion) {
        transactions.executeWithoutResult(status -> {
            Optional<Rebuild> rebuild = jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuilds"
                            + " WHERE rebuild_id = :id AND finished_at IS NULL FOR UPDATE")
                    .param("id", id).query(Rebuilds::rebuild).optional();
            if (rebuild.isPresent()) {
                try {
                    completion.complete(rebuild.get());
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                finish(id, "completed");
                jdbc.sql("DELETE FROM rebuild_entries WHERE rebuild_id = :id").param("id", id).update();
            }
        });
    }

    /**
     * While a rebuild of {@code sink} runs, live changes to these entries mark them as seen, so the sweep keeps them
     * and the replay does not overwrite them. One statement per poll of the live sink.
     */
    public void entriesChangedLive(String sink, java.util.Collection<UUID> entryIds) {
        if (entryIds.isEmpty()) {
            return;
        }
        // The ids travel as one text value, as in the sweeps: a driver-side uuid[] binding is easy to get wrong.
        jdbc.sql("""
                INSERT INTO rebuild_entries (rebuild_id, entry_id)
                SELECT r.rebuild_id, e.id
                  FROM projection_rebuilds r, unnest(string_to_array(:entries, ',')::uuid[]) AS e(id)
                 WHERE r.sink = :sink AND r.finished_at IS NULL
                ON CONFLICT DO NOTHING
                """)
                .param("sink", sink)
                .param("entries", String.join(",", entryIds.stream().map(UUID::toString).toList())).update();
    }

    /** The replay brought {@code entryId}: the sweep at the end keeps it. */
    public void entryReplayed(UUID rebuildId, UUID entryId) {
        jdbc.sql("INSERT INTO rebuild_entries (rebuild_id, entry_id) VALUES (:id, :entry) ON CONFLICT DO NOTHING")
                .param("id", rebuildId).param("entry", entryId).update();
    }

    /** Whether the rebuild already has {@code entryId} (replayed, or changed live since it began). */
    public boolean seen(UUID rebuildId, UUID entryId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM rebuild_entries WHERE rebuild_id = :id AND entry_id = :entry)")
                .param("id", rebuildId).param("entry", entryId).query(Boolean.class).single();
    }

    /** Every entry the rebuild has seen. */
    public UUID[] seenEntries(UUID rebuildId) {
        return jdbc.sql("SELECT entry_id FROM rebuild_entries WHERE rebuild_id = :id").param("id", rebuildId)
                .query(UUID.class).list().toArray(UUID[]::new);
    }

    private void finish(UUID id, String outcome) {
        jdbc.sql("UPDATE projection_rebuilds SET finished_at = now(), outcome = :outcome WHERE rebuild_id = :id")
                .param("id", id).param("outcome", outcome).update();
    }

    private static Rebuild rebuild(ResultSet rs, int row) throws SQLException {
        return new Rebuild(rs.getObject("rebuild_id", UUID.class), rs.getString("sink"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("target"));
    }

    @FunctionalInterface
    interface Completion {
        void complete(Rebuild rebuild) throws IOException;
    }
}
