package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** mindflow_read as the projections use it: version-guarded upserts, tag search, the cache's rules, dedup. */
class ReadModelIT {

    private static final String UPSERT = """
            INSERT INTO journals_view (id, user_id, user_name, date, title, content, word_count, reading_time,
                                       is_private, created_at, updated_at, tags, attachments, attachment_count,
                                       version)
            VALUES (?, ?, 'Ana', DATE '2025-10-25', ?, 'c', 1, 1, false, now(), now(), ?::jsonb, '[]', 0, ?)
            ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, tags = EXCLUDED.tags, version = EXCLUDED.version
             WHERE journals_view.version < EXCLUDED.version""";

    private static Connection db;

    @BeforeAll
    static void connect() throws SQLException {
        db = Db.connect(Migrations.READ_DATABASE);
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void journalsViewUpsertsOnlyMoveForward() throws SQLException {
        UUID entry = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        assertThat(Db.update(db, UPSERT, entry, user, "v2", "[\"work\"]", 2L)).isEqualTo(1);
        assertThat(Db.update(db, UPSERT, entry, user, "v1 redelivered late", "[]", 1L)).isZero();
        assertThat(Db.update(db, UPSERT, entry, user, "v3", "[\"health\", \"work\"]", 3L)).isEqualTo(1);
        assertThat(Db.single(db, "SELECT title FROM journals_view WHERE id = ?", entry)).isEqualTo("v3");
        // Tag search through the jsonb containment operator the GIN index serves.
        assertThat(Db.single(db, "SELECT count(*) FROM journals_view WHERE user_id = ? AND tags @> '[\"work\"]'", user))
                .isEqualTo(1L);
        assertThat(Db.single(db, "SELECT count(*) FROM journals_view WHERE user_id = ? AND tags @> '[\"sleep\"]'", user))
                .isEqualTo(0L);
    }

    @Test
    void moodCalendarCacheKeepsTheSeedsRules() throws SQLException {
        UUID user = UUID.randomUUID();
        String insert = "INSERT INTO mood_calendar_cache (user_id, year, month, calendar_data) VALUES (?, ?, ?, '[]')";
        Db.update(db, insert, user, 2025, 10);
        Db.assertRejected("uq_user_year_month", () -> Db.update(db, insert, user, 2025, 10));
        Db.assertRejected("check_year", () -> Db.update(db, insert, user, 2019, 10));
        Db.assertRejected("check_month", () -> Db.update(db, insert, user, 2025, 13));
    }

    @Test
    void processedEventsRecordEachEventOncePerConsumerGroup() throws SQLException {
        UUID event = UUID.randomUUID();
        String mark = "INSERT INTO processed_events (consumer_group, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
        assertThat(Db.update(db, mark, "projection-it", event)).isEqualTo(1);
        assertThat(Db.update(db, mark, "projection-it", event)).isZero();
        assertThat(Db.update(db, mark, "another-group-it", event)).isEqualTo(1);
    }

}
