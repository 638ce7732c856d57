package com.mindflow.command.streak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mindflow.command.ApiTestBase;

/**
 * A user with ten years of daily entries: the streak stays right through writes that read only a few days around
 * the change and through those that need the history. That such a user writes as fast as a new one is measured by
 * StackBenchmark's {@code history} phase, not asserted here (a timed test would be flaky on a busy machine).
 */
class LongHistoryIT extends ApiTestBase {

    private static final Instant NOON_10_MARCH = Instant.parse("2026-03-10T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final int HISTORY = 3650;
    private static final int PAIRS = 40;

    @Test
    void theStreakStaysRightThroughTenYearsOfEntries() {
        clock.setTo(NOON_10_MARCH);
        Caller veteran = newUser();
        Caller newcomer = newUser();
        jdbc.sql("""
                INSERT INTO journal_entries (user_id, date, title, content, word_count)
                SELECT ?, d::date, 'Day', 'one two three', 3
                  FROM generate_series(CAST(? AS date), CAST(? AS date), interval '1 day') AS d
                """).params(veteran.id(), TODAY.minusDays(HISTORY), TODAY.minusDays(1)).update();

        // The first write creates the streak row, so it reads every day once.
        assertThat(post(veteran, "/api/journals", entry(TODAY)).status()).isEqualTo(201);
        assertThat(streak(veteran)).containsEntry("current_streak", HISTORY + 1)
                .containsEntry("longest_streak", HISTORY + 1).containsEntry("total_entries", HISTORY + 1);
        assertThat(post(newcomer, "/api/journals", entry(TODAY)).status()).isEqualTo(201);

        // Days of their own before the history, none adjacent: each write extends nothing and reads a few days.
        for (int i = 0; i < PAIRS; i++) {
            LocalDate day = TODAY.minusDays(HISTORY + 10 + 2L * i);
            assertThat(post(veteran, "/api/journals", entry(day)).status()).isEqualTo(201);
            assertThat(post(newcomer, "/api/journals", entry(day)).status()).isEqualTo(201);
        }
        assertThat(streak(veteran)).containsEntry("current_streak", HISTORY + 1)
                .containsEntry("total_entries", HISTORY + 1 + PAIRS);
        assertThat(streak(newcomer)).containsEntry("current_streak", 1).containsEntry("longest_streak", 1)
                .containsEntry("total_entries", 1 + PAIRS);

        // Deleting inside the longest run needs the history: the longest shrinks to what is left.
        Map<String, Object> today = jdbc.sql("SELECT id FROM journal_entries WHERE user_id = ? AND date = ?")
                .params(veteran.id(), TODAY).query().singleRow();
        call("DELETE", "/api/journals/" + today.get("id"), veteran.token(), null, Map.of());
        assertThat(streak(veteran)).containsEntry("current_streak", HISTORY)
                .containsEntry("longest_streak", HISTORY)
                .containsEntry("last_entry_date", java.sql.Date.valueOf(TODAY.minusDays(1)));
        assertThat(post(veteran, "/api/journals/" + today.get("id") + "/restore", null).status()).isEqualTo(200);
        assertThat(streak(veteran)).containsEntry("current_streak", HISTORY + 1)
                .containsEntry("longest_streak", HISTORY + 1);
    }

    private Map<String, Object> streak(Caller caller) {
        return jdbc.sql("""
                SELECT current_streak, longest_streak, last_entry_date, total_entries
                  FROM user_streaks WHERE user_id = ?
                """).param(caller.id()).query().singleRow();
    }

    private static String entry(LocalDate date) {
        return "{\"date\":\"%s\",\"title\":\"Day\",\"content\":\"one two three\",\"tags\":[\"daily\"]}"
                .formatted(date);
    }
}
