package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The write database's triggers: updated_at on every table the seed gives one, and the outbox wake-up. */
class TriggersIT {

    private static final OffsetDateTime LONG_AGO = OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static Connection db;

    @BeforeAll
    static void connect() throws SQLException {
        db = Db.connect(Migrations.WRITE_DATABASE);
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "users", "user_gdpr_consent", "user_settings", "journal_entries", "user_streaks" })
    void updateSetsUpdatedAtToNow(String table) throws SQLException {
        UUID user = UUID.randomUUID();
        Db.update(db, """
                INSERT INTO users (id, email, password_hash, display_name, updated_at) VALUES (?, ?, 'x', 'T', ?)""",
                user, "trigger-" + user + "@example.com", LONG_AGO);
        // The triggers fire on UPDATE only, so an INSERT keeps the old updated_at it is given.
        UUID row = switch (table) {
            case "users" -> user;
            case "user_gdpr_consent" -> insertReturningId("""
                    INSERT INTO user_gdpr_consent (user_id, terms_accepted_at, terms_version,
                                                   privacy_policy_accepted_at, privacy_policy_version, updated_at)
                    VALUES (?, now(), 'v1.0', now(), 'v1.0', ?) RETURNING id""", user);
            case "user_settings" -> insertReturningId(
                    "INSERT INTO user_settings (user_id, updated_at) VALUES (?, ?) RETURNING id", user);
            case "journal_entries" -> insertReturningId("""
                    INSERT INTO journal_entries (user_id, date, title, content, updated_at)
                    VALUES (?, current_date, 't', 'c', ?) RETURNING id""", user);
            case "user_streaks" -> insertReturningId(
                    "INSERT INTO user_streaks (user_id, updated_at) VALUES (?, ?) RETURNING id", user);
            default -> throw new IllegalArgumentException(table);
        };
        assertThat(updatedAt(table, row)).isEqualTo(LONG_AGO);

        Db.update(db, "UPDATE " + table + " SET id = id WHERE id = ?", row);
        assertThat(Duration.between(updatedAt(table, row), OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(5));

        // Even an UPDATE that sets updated_at explicitly gets now().
        Db.update(db, "UPDATE " + table + " SET updated_at = ? WHERE id = ?", LONG_AGO, row);
        assertThat(Duration.between(updatedAt(table, row), OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void insertIntoTheOutboxNotifiesTheRowsSourceAtCommit() throws SQLException {
        String source = "triggers-it-" + UUID.randomUUID();
        try (Connection listener = Db.connect(Migrations.WRITE_DATABASE);
             Connection writer = Db.connect(Migrations.WRITE_DATABASE)) {
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN outbox_events");
            }
            writer.setAutoCommit(false);
            for (int i = 0; i < 3; i++) {
                Db.update(writer, """
                        INSERT INTO outbox_events (id, source, topic, partition_key, event_type, event_version,
                                                   aggregate_id, user_id, payload, occurred_at)
                        VALUES (?, ?, 'it.topic', 'k', 'ItHappened', 1, 'a', NULL, '{"v":1}'::jsonb, now())""",
                        UUID.randomUUID(), source);
            }
            assertThat(notificationsOf(listener, source, 300)).as("nothing before commit").isEmpty();
            writer.commit();
            // Three rows of one source in one transaction fold into one notification.
            assertThat(notificationsOf(listener, source, 5_000)).containsExactly(source);
            List<List<Object>> rows = Db.query(writer,
                    "SELECT sequence, headers::text, published_at FROM outbox_events WHERE source = ? ORDER BY sequence",
                    source);
            assertThat(rows).hasSize(3);
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.get(1)).isEqualTo("{}");
                assertThat(r.get(2)).isNull();
            });
            writer.commit();
        }
    }

    /** The notifications carrying this source (other tests' relays may notify too), waiting up to waitMillis. */
    private static List<String> notificationsOf(Connection listener, String source, int waitMillis)
            throws SQLException {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (payloads.isEmpty() && System.nanoTime() < deadline) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(left);
            if (received != null) {
                for (PGNotification notification : received) {
                    if (notification.getParameter().equals(source)) {
                        payloads.add(notification.getParameter());
                    }
                }
            }
        }
        // Anything else of ours that is already queued.
        PGNotification[] rest = listener.unwrap(PGConnection.class).getNotifications(100);
        if (rest != null) {
            for (PGNotification notification : rest) {
                if (notification.getParameter().equals(source)) {
                    payloads.add(notification.getParameter());
                }
            }
        }
        return payloads;
    }

    private static UUID insertReturningId(String sql, UUID user) throws SQLException {
        return (UUID) Db.single(db, sql, user, LONG_AGO);
    }

    private static OffsetDateTime updatedAt(String table, UUID id) throws SQLException {
        try (var statement = db.prepareStatement("SELECT updated_at FROM " + table + " WHERE id = ?")) {
            statement.setObject(1, id);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }
}
