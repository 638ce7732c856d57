package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The TimescaleDB variant cannot run here (no TimescaleDB on this machine), so at least its shape is held to the
 * plain-PostgreSQL variant's: same migration files, and the same columns in every CREATE TABLE they share.
 */
class AnalyticsVariantsTest {

    @Test
    void bothVariantsHaveTheSameVersionedMigrations() throws Exception {
        assertThat(versioned("timescale")).isEqualTo(versioned("postgres"));
    }

    @Test
    void sharedTablesHaveTheSameColumnsAndConstraints() throws Exception {
        String timescale = sql("timescale");
        String postgres = sql("postgres");
        for (String table : List.of("journal_insights", "mood_events", "user_activity_events", "processed_events")) {
            assertThat(tableBody(timescale, table)).as(table).isEqualTo(tableBody(postgres, table));
        }
        for (String index : List.of("idx_insights_user_time", "idx_insights_type", "idx_insights_date_range",
                "idx_insights_themes", "idx_mood_events_user_time", "idx_mood_events_mood", "idx_mood_events_entry",
                "idx_activity_user_time",
                "idx_activity_type", "idx_processed_events_processed_at")) {
            assertThat(timescale).contains("CREATE INDEX " + index + " ");
            assertThat(postgres).contains("CREATE INDEX " + index + " ");
        }
        for (String function : List.of("create_analytics_partitions(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)",
                "refresh_mood_daily_summary(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)",
                "refresh_user_weekly_activity(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)",
                "apply_retention_policies()", "run_analytics_maintenance()")) {
            assertThat(timescale).contains("CREATE FUNCTION " + function);
            assertThat(postgres).contains("CREATE FUNCTION " + function);
        }
    }

    private static String tableBody(String sql, String table) {
        Matcher m = Pattern.compile("CREATE TABLE " + table + " \\((.*?)\\n\\)", Pattern.DOTALL).matcher(sql);
        assertThat(m.find()).as("CREATE TABLE %s", table).isTrue();
        // Comments differ (they explain the variant); the SQL must not.
        return m.group(1).lines().map(l -> l.replaceAll("--.*$", "").strip()).filter(l -> !l.isEmpty())
                .reduce("", (a, b) -> a + "\n" + b);
    }

    private static List<String> versioned(String variant) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir(variant))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("V")).sorted().toList();
        }
    }

    private static String sql(String variant) throws IOException, URISyntaxException {
        StringBuilder all = new StringBuilder();
        for (String file : versioned(variant)) {
            all.append(Files.readString(dir(variant).resolve(file))).append('\n');
        }
        return all.toString();
    }

    private static Path dir(String variant) throws URISyntaxException {
        return Path.of(AnalyticsVariantsTest.class.getResource("/db/analytics/" + variant).toURI());
    }
}
