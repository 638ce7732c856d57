package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain-PostgreSQL analytics variant's partitions, aggregate refresh and retention, in a database of its own
 * (these tests create and drop partitions). Sessions run in a non-UTC time zone on purpose: buckets and partition
 * bounds must still be UTC, like TimescaleDB's time_bucket.
 */
class AnalyticsIT {

    private static Db.Scratch scratch;
    private static Connection db;

    @BeforeAll
    static void migrate() throws SQLException {
        scratch = Db.scratch("mindflow_analytics_it");
        Migrations.configure(new DriverDataSource(scratch.url(), Db.user(), Db.password()),
                Migrations.ANALYTICS_POSTGRES).load().migrate();
        db = scratch.connect();
        try (Statement statement = db.createStatement()) {
            statement.execute("SET TIME ZONE 'America/Sao_Paulo'");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        db.close();
        scratch.close();
    }

    @Test
    void migrationCreatedPartitionsAroundNow() throws SQLException {
        UUID user = UUID.randomUUID();
        insertMood(utcNow(), user, "happy", "0.5", 10);
        insertActivity(utcNow().plusWeeks(10), user, "login");
        insertInsight(utcNow().minusWeeks(3), user, UUID.randomUUID());

        assertThat(partitionOf("mood_events", user)).matches("mood_events_p\\d{8}");
        assertThat(partitionOf("user_activity_events", user)).matches("user_activity_events_p\\d{8}");
        assertThat(partitionOf("journal_insights", user)).matches("journal_insights_p\\d{6}");
    }

    @Test
    void weeklyPartitionsStartOnMondayMidnightUtc() throws SQLException {
        List<List<Object>> bounds = Db.query(db, """
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent IN ('mood_events'::regclass, 'user_activity_events'::regclass)
                   AND c.relname <> 'mood_events_default' AND c.relname <> 'user_activity_events_default'""");
        assertThat(bounds).hasSizeGreaterThan(2 * 16);
        for (List<Object> partition : bounds) {
            OffsetDateTime from = (OffsetDateTime) Db.single(db,
                    "SELECT substring(?::text FROM 'FROM \\(''([^'']+)''\\)')::timestamptz", partition.get(1));
            OffsetDateTime utc = from.withOffsetSameInstant(ZoneOffset.UTC);
            assertThat(utc.getDayOfWeek()).as("%s", partition).isEqualTo(DayOfWeek.MONDAY);
            assertThat(utc.toLocalTime()).as("%s", partition).isEqualTo("00:00");
            assertThat((String) partition.get(0)).endsWith(utc.toLocalDate().toString().replace("-", ""));
        }
    }

    @Test
    void insertBeyondThePartitionsLandsInDefaultAndMovesWhenItsPartitionIsCreated() throws SQLException {
        UUID user = UUID.randomUUID();
        OffsetDateTime farAhead = utcNow().plusYears(3);
        insertMood(farAhead, user, "sad", "-0.5", 3);
        assertThat(partitionOf("mood_events", user)).isEqualTo("mood_events_default");

        List<List<Object>> created = Db.query(db, "SELECT * FROM create_analytics_partitions(?, ?)", farAhead,
                farAhead.plusSeconds(1));

        assertThat(created).extracting(r -> (String) r.get(0)).hasSize(3)
                .anyMatch(n -> n.startsWith("mood_events_p"))
                .anyMatch(n -> n.startsWith("user_activity_events_p"))
                .anyMatch(n -> n.startsWith("journal_insights_p"));
        assertThat(partitionOf("mood_events", user)).startsWith("mood_events_p");
        assertThat(Db.single(db, "SELECT count(*) FROM mood_events WHERE user_id = ?", user)).isEqualTo(1L);
        // The moved partition has the parent's indexes.
        String partition = partitionOf("mood_events", user);
        assertThat(Db.single(db, "SELECT count(*) FROM pg_indexes WHERE tablename = ?", partition)).isEqualTo(4L);
        // Idempotent.
        assertThat(Db.query(db, "SELECT * FROM create_analytics_partitions(?, ?)", farAhead, farAhead.plusSeconds(1)))
                .isEmpty();
    }

    @Test
    void refreshBuildsTheDailyMoodSummaryInUtcDays() throws SQLException {
        UUID user = UUID.randomUUID();
        OffsetDateTime day = utcNow().minusDays(3).truncatedTo(ChronoUnit.DAYS);
        insertMood(day.plusHours(10), user, "happy", "0.80", 100);
        insertMood(day.plusHours(12), user, "happy", "0.60", 50);
        insertMood(day.plusHours(23).plusMinutes(59), user, "sad", "-0.50", 10); // 20:59 in Sao Paulo
        insertMood(day.plusDays(1).plusSeconds(1), user, "neutral", "0.00", 5);

        Db.single(db, "SELECT refresh_mood_daily_summary(?, ?)::text", day, day.plusDays(2));

        List<List<Object>> rows = summary(user);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(day.toInstant(), 3L, new BigDecimal("0.3"), "happy", 160L);
        assertThat(rows.get(1)).containsExactly(day.plusDays(1).toInstant(), 1L, BigDecimal.ZERO, "neutral", 5L);

        // A late event and a vanished one: the next refresh over the window brings the table in line.
        insertMood(day.plusHours(1), user, "sad", "-1.00", 40);
        Db.update(db, "DELETE FROM mood_events WHERE user_id = ? AND time >= ?", user, day.plusDays(1));
        Db.single(db, "SELECT refresh_mood_daily_summary(?, ?)::text", day.plusHours(5), day.plusDays(1).plusHours(1));

        rows = summary(user);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsExactly(day.toInstant(), 4L, new BigDecimal("-0.025"), "happy", 200L);
    }

    @Test
    void refreshBuildsWeeklyActivityInWeeksStartingMondayUtc() throws SQLException {
        UUID user = UUID.randomUUID();
        OffsetDateTime monday = utcNow().truncatedTo(ChronoUnit.DAYS).minusWeeks(2)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        insertActivity(monday.minusHours(1), user, "login"); // Sunday 23:00 UTC: the week before
        insertActivity(monday.plusHours(1), user, "login");
        insertActivity(monday.plusDays(2), user, "login");
        insertActivity(monday.plusDays(2), user, "entry_created");
        insertActivity(monday.plusDays(3), user, "entry_updated");
        insertActivity(monday.plusDays(6).plusHours(23), user, "settings_updated");

        Db.single(db, "SELECT refresh_user_weekly_activity(?, ?)::text", monday.minusWeeks(1), monday.plusWeeks(1));

        List<List<Object>> rows = Db.query(db, """
                SELECT week, login_count, entries_created, entries_updated, total_events
                  FROM user_weekly_activity WHERE user_id = ? ORDER BY week""", user).stream()
                .map(r -> List.<Object>of(((OffsetDateTime) r.get(0)).toInstant(), r.get(1), r.get(2), r.get(3),
                        r.get(4)))
                .toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(monday.minusWeeks(1).toInstant(), 1L, 0L, 0L, 1L);
        assertThat(rows.get(1)).containsExactly(monday.toInstant(), 2L, 1L, 1L, 5L);
    }

    @Test
    void retentionDropsPartitionsWhollyOlderThanTheSeedsIntervals() throws SQLException {
        UUID user = UUID.randomUUID();
        OffsetDateTime now = utcNow();
        OffsetDateTime twoYearsAgo = now.minusYears(2);
        OffsetDateTime eightMonthsAgo = now.minusMonths(8);
        Db.query(db, "SELECT * FROM create_analytics_partitions(?, ?)", twoYearsAgo, twoYearsAgo.plusSeconds(1));
        Db.query(db, "SELECT * FROM create_analytics_partitions(?, ?)", eightMonthsAgo, eightMonthsAgo.plusSeconds(1));
        insertMood(twoYearsAgo, user, "happy", "0.5", 1);
        insertMood(eightMonthsAgo, user, "happy", "0.5", 1);
        insertActivity(twoYearsAgo, user, "login");
        insertActivity(eightMonthsAgo, user, "login");
        insertInsight(twoYearsAgo, user, UUID.randomUUID());
        String oldMoodPartition = partitionOf("mood_events", user, twoYearsAgo);
        String keptMoodPartition = partitionOf("mood_events", user, eightMonthsAgo);
        // An aggregate whose raw events are about to go: the seed keeps aggregates.
        Db.single(db, "SELECT refresh_mood_daily_summary(?, ?)::text", eightMonthsAgo, eightMonthsAgo.plusDays(1));
        Db.update(db, """
                INSERT INTO mood_daily_summary VALUES (date_trunc('day', ? AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
                                                       ?, 1, 0.5, 'happy', 1)""", twoYearsAgo, user);

        List<String> dropped = Db.query(db, "SELECT * FROM apply_retention_policies()").stream()
                .map(r -> (String) r.get(0)).toList();

        assertThat(dropped).contains(oldMoodPartition, partitionOf("user_activity_events", twoYearsAgo),
                partitionOf("user_activity_events", eightMonthsAgo));
        assertThat(dropped).doesNotContain(keptMoodPartition).noneMatch(n -> n.startsWith("journal_insights"));
        assertThat(Db.single(db, "SELECT to_regclass(?)::text", oldMoodPartition)).isNull();
        assertThat(times("mood_events", user)).containsExactly(eightMonthsAgo.toInstant());
        assertThat(times("user_activity_events", user)).isEmpty();
        assertThat(Db.single(db, "SELECT count(*) FROM journal_insights WHERE user_id = ?", user)).isEqualTo(1L);

        // Refreshing over the dropped range leaves the old aggregate alone.
        Db.single(db, "SELECT refresh_mood_daily_summary(?, ?)::text", twoYearsAgo.minusDays(1), now);
        assertThat(Db.single(db, "SELECT count(*) FROM mood_daily_summary WHERE user_id = ?", user)).isEqualTo(2L);
        // Nothing left to drop.
        assertThat(Db.query(db, "SELECT * FROM apply_retention_policies()")).isEmpty();
    }

    @Test
    void retentionAlsoClearsOldRowsFromTheDefaultPartition() throws SQLException {
        UUID user = UUID.randomUUID();
        OffsetDateTime threeYearsAgo = utcNow().minusYears(3).minusDays(10);
        insertMood(threeYearsAgo, user, "angry", "-0.9", 1);
        assertThat(partitionOf("mood_events", user)).isEqualTo("mood_events_default");

        Db.query(db, "SELECT * FROM apply_retention_policies()");

        assertThat(times("mood_events", user)).isEmpty();
    }

    @Test
    void maintenanceRunsInOneCall() throws SQLException {
        UUID user = UUID.randomUUID();
        insertMood(utcNow().minusMinutes(5), user, "ecstatic", "1.00", 7);

        Db.single(db, "SELECT run_analytics_maintenance()::text");

        assertThat(summary(user)).hasSize(1);
        assertThat(Db.single(db, """
                SELECT to_regclass('mood_events_p' || to_char(date_bin('7 days', now() + interval '11 weeks',
                                   '2000-01-03 00:00:00+00') AT TIME ZONE 'UTC', 'YYYYMMDD'))::text"""))
                .as("a partition eleven weeks ahead").isNotNull();
    }

    @Test
    void theSeedsAnalyticsRulesHold() throws SQLException {
        UUID user = UUID.randomUUID();
        OffsetDateTime now = utcNow();
        Db.assertRejected("check_mood", () -> insertMood(now, user, "bored", "0", 1));
        Db.assertRejected("check_mood_score", () -> insertMood(now, user, "happy", "1.5", 1));
        Db.assertRejected("check_event_type", () -> insertActivity(now, user, "clicked"));
        Db.assertRejected("check_insight_type", () -> Db.update(db, """
                INSERT INTO journal_insights (user_id, insight_type, start_date, end_date, summary, entries_analyzed,
                                              total_words, average_words)
                VALUES (?, 'daily', current_date, current_date, 's', 1, 1, 1)""", user));
        Db.assertRejected("check_date_range", () -> Db.update(db, """
                INSERT INTO journal_insights (user_id, insight_type, start_date, end_date, summary, entries_analyzed,
                                              total_words, average_words)
                VALUES (?, 'weekly', current_date, current_date - 1, 's', 1, 1, 1)""", user));
        Db.assertRejected("check_mood_percentages", () -> Db.update(db, """
                INSERT INTO journal_insights (user_id, insight_type, start_date, end_date, summary, entries_analyzed,
                                              total_words, average_words, mood_positive_pct, mood_neutral_pct,
                                              mood_negative_pct)
                VALUES (?, 'weekly', current_date, current_date, 's', 1, 1, 1, 101, 0, 0)""", user));
        // The key is (id, generated_at): the same id again at the same time is a duplicate, reported by the
        // partition's copy of journal_insights_pkey; at another time it is another row.
        UUID insight = UUID.randomUUID();
        insertInsight(now, user, insight);
        SQLException duplicate = catchThrowableOfType(SQLException.class, () -> insertInsight(now, user, insight));
        assertThat(duplicate.getSQLState()).isEqualTo("23505");
        assertThat(Db.violatedConstraint(duplicate)).matches("journal_insights_p\\d{6}_pkey");
        insertInsight(now.minusSeconds(1), user, insight);
    }

    // --- helpers


    /** Now in UTC at PostgreSQL's precision, so values read back compare equal. */
    private static OffsetDateTime utcNow() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static void insertMood(OffsetDateTime time, UUID user, String mood, String score, int words)
            throws SQLException {
        Db.update(db, """
                INSERT INTO mood_events (time, user_id, journal_entry_id, mood, mood_score, tags, word_count)
                VALUES (?, ?, ?, ?, ?::numeric, ARRAY['it'], ?)""", time, user, UUID.randomUUID(), mood, score, words);
    }

    private static void insertActivity(OffsetDateTime time, UUID user, String type) throws SQLException {
        Db.update(db, "INSERT INTO user_activity_events (time, user_id, event_type, metadata) VALUES (?, ?, ?, '{}')",
                time, user, type);
    }

    private static void insertInsight(OffsetDateTime at, UUID user, UUID id) throws SQLException {
        Db.update(db, """
                INSERT INTO journal_insights (id, user_id, insight_type, start_date, end_date, generated_at, summary,
                                              entries_analyzed, total_words, average_words, themes)
                VALUES (?, ?, 'weekly', current_date - 7, current_date, ?, 'A calm week', 5, 500, 100,
                        '[{"name": "work", "frequency": 3}]'::jsonb)""", id, user, at);
    }

    private static String partitionOf(String table, UUID user) throws SQLException {
        return (String) Db.single(db, "SELECT DISTINCT tableoid::regclass::text FROM " + table + " WHERE user_id = ?",
                user);
    }

    private static String partitionOf(String table, UUID user, OffsetDateTime time) throws SQLException {
        String column = table.equals("journal_insights") ? "generated_at" : "time";
        return (String) Db.single(db, "SELECT tableoid::regclass::text FROM " + table + " WHERE user_id = ? AND "
                + column + " = ?", user, time);
    }

    /** The name the weekly partition of this instant has (whether or not it still exists). */
    private static String partitionOf(String table, OffsetDateTime time) throws SQLException {
        return table + "_p" + Db.single(db,
                "SELECT to_char(date_bin('7 days', ?::timestamptz, '2000-01-03 00:00:00+00') AT TIME ZONE 'UTC', 'YYYYMMDD')",
                time);
    }

    private static List<java.time.Instant> times(String table, UUID user) throws SQLException {
        return Db.query(db, "SELECT time FROM " + table + " WHERE user_id = ? ORDER BY time", user).stream()
                .map(r -> ((OffsetDateTime) r.get(0)).toInstant()).toList();
    }

    private static List<List<Object>> summary(UUID user) throws SQLException {
        return Db.query(db, """
                SELECT day, entry_count, avg_mood_score, most_common_mood, total_words
                  FROM mood_daily_summary WHERE user_id = ? ORDER BY day""", user).stream()
                .map(r -> List.<Object>of(((OffsetDateTime) r.get(0)).toInstant(), r.get(1),
                        ((BigDecimal) r.get(2)).stripTrailingZeros(), r.get(3), r.get(4)))
                .toList();
    }
}
