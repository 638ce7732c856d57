import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import com.mindflow.migrations.Migrations;

/**
 * Run by check-timescale.sh against PGlite+TimescaleDB: the timescale variant through the project's Flyway setup,
 * its catalog, and the queries both analytics variants share (the plain variant's are in AnalyticsIT).
 */
public class TimescaleCheck {

    static int passed;
    static int failed;

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/postgres?sslmode=disable&gssEncMode=disable";
        Path schemaDir = Path.of(args[1]);
        Connection db = DriverManager.getConnection(url, "postgres", "postgres");
        // PGlite serves one connection at a time: Flyway gets this one every time it asks, and cannot close it.
        Connection shared = (Connection) Proxy.newProxyInstance(TimescaleCheck.class.getClassLoader(),
                new Class<?>[] { Connection.class },
                (proxy, method, a) -> method.getName().equals("close") ? null : method.invoke(db, a));
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(TimescaleCheck.class.getClassLoader(),
                new Class<?>[] { DataSource.class },
                (proxy, method, a) -> method.getName().equals("getConnection") ? shared : null);

        String location = Migrations.analyticsLocation(db);
        check("TimescaleDB available: the timescale variant is chosen", Migrations.ANALYTICS_TIMESCALE, location);
        check("first migrate applies 5", 5, Migrations.configure(dataSource, location).load().migrate().migrationsExecuted);
        check("the variant sticks once migrated", Migrations.ANALYTICS_TIMESCALE, Migrations.analyticsLocation(db));
        check("second migrate applies nothing", 0,
                Migrations.configure(dataSource, location).load().migrate().migrationsExecuted);

        List<String> expected = Files.readAllLines(schemaDir.resolve("analytics-timescale.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        List<String> actual = column(db, Files.readString(schemaDir.resolve("catalog.sql"))).stream().sorted().toList();
        check("catalog matches analytics-timescale.txt", expected, actual);

        db.createStatement().execute("SET TIME ZONE 'America/Sao_Paulo'");
        UUID user = UUID.randomUUID();
        OffsetDateTime day = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).truncatedTo(ChronoUnit.DAYS);
        mood(db, day.plusHours(10), user, "happy", "0.80", 100);
        mood(db, day.plusHours(12), user, "happy", "0.60", 50);
        mood(db, day.plusHours(23).plusMinutes(59), user, "sad", "-0.50", 10);
        mood(db, day.plusDays(1).plusSeconds(1), user, "neutral", "0.00", 5);
        rows(db, "SELECT refresh_mood_daily_summary(?, ?)::text", day, day.plusDays(2));
        check("mood_daily_summary in UTC days", List.of(
                List.of(day.toInstant(), 3L, new BigDecimal("0.3"), "happy", 160L),
                List.of(day.plusDays(1).toInstant(), 1L, BigDecimal.ZERO, "neutral", 5L)),
                rows(db, """
                        SELECT day, entry_count, avg_mood_score, most_common_mood, total_words
                          FROM mood_daily_summary WHERE user_id = ? ORDER BY day""", user));

        OffsetDateTime monday = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusWeeks(2)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (Object[] event : new Object[][] { { monday.minusHours(1), "login" }, { monday.plusHours(1), "login" },
                { monday.plusDays(2), "entry_created" }, { monday.plusDays(3), "entry_updated" } }) {
            rows(db, "INSERT INTO user_activity_events (time, user_id, event_type) VALUES (?, ?, ?) RETURNING 1",
                    event[0], user, event[1]);
        }
        rows(db, "SELECT refresh_user_weekly_activity(?, ?)::text", monday.minusWeeks(1), monday.plusWeeks(1));
        check("user_weekly_activity in weeks from Monday 00:00 UTC", List.of(
                List.of(monday.minusWeeks(1).toInstant(), 1L, 0L, 0L, 1L),
                List.of(monday.toInstant(), 1L, 1L, 1L, 3L)),
                rows(db, """
                        SELECT week, login_count, entries_created, entries_updated, total_events
                          FROM user_weekly_activity WHERE user_id = ? ORDER BY week""", user));

        check("create_analytics_partitions is a no-op", List.of(),
                rows(db, "SELECT * FROM create_analytics_partitions(now(), now() + interval '1 month')"));
        mood(db, OffsetDateTime.now(ZoneOffset.UTC).minusYears(2), user, "sad", "-0.10", 1);
        check("apply_retention_policies drops the old chunk", true,
                !rows(db, "SELECT * FROM apply_retention_policies()").isEmpty());
        check("old mood events are gone, recent ones stay", 4L,
                rows(db, "SELECT count(*) FROM mood_events WHERE user_id = ?", user).get(0).get(0));
        rows(db, "SELECT run_analytics_maintenance()::text");
        check("run_analytics_maintenance runs", true, true);

        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    static void check(String what, Object expected, Object actual) {
        if (Objects.equals(expected, actual)) {
            passed++;
            System.out.println("ok   " + what);
        }
        else {
            failed++;
            System.out.println("FAIL " + what + "\n  expected: " + expected + "\n  actual:   " + actual);
        }
    }

    static void mood(Connection db, OffsetDateTime time, UUID user, String mood, String score, int words)
            throws SQLException {
        rows(db, """
                INSERT INTO mood_events (time, user_id, journal_entry_id, mood, mood_score, word_count)
                VALUES (?, ?, ?, ?, ?::numeric, ?) RETURNING 1""", time, user, UUID.randomUUID(), mood, score, words);
    }

    static List<String> column(Connection db, String sql) throws SQLException {
        return rows(db, sql).stream().map(r -> (String) r.get(0)).toList();
    }

    /** Rows with timestamptz as Instant and numerics without trailing zeros, so they compare by value. */
    static List<List<Object>> rows(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object value = "timestamptz".equals(rs.getMetaData().getColumnTypeName(i))
                                ? rs.getObject(i, OffsetDateTime.class).toInstant() : rs.getObject(i);
                        row.add(value instanceof BigDecimal d ? d.stripTrailingZeros() : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
