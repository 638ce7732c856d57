package com.mindflow.command.streak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mindflow.command.ApiTestBase;

/**
 * A user with ten years of daily entries writes as fast as a new user: the streak update reads a few days, not the
 * history. Also checks the streak stays right through the writes that do need the history.
 */
class LongHistoryIT extends ApiTestBase {

    private static final Instant NOON_10_MARCH = Instant.parse("2026-03-10T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final int HISTORY = 3650;
    private static final int PAIRS = 40;

    @Test
    void tenYearsOfEntriesCostNothingExtraPerWrite() {
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

        // Alternating, so both see the same machine; each write a day of its own before the history, none adjacent.
        long[] veteranNanos = new long[PAIRS];
        long[] newcomerNanos = new long[PAIRS];
        for (int i = -5; i < PAIRS; i++) {
            LocalDate day = TODAY.minusDays(HISTORY + 10 + 2L * (i + 5));
            long veteranTook = timed(veteran, day);
            long newcomerTook = timed(newcomer, day);
            if (i >= 0) { // the first five are warm-up
                veteranNanos[i] = veteranTook;
                newcomerNanos[i] = newcomerTook;
            }
        }
        double veteranMs = median(veteranNanos) / 1e6;
        double newcomerMs = median(newcomerNanos) / 1e6;
        System.out.printf("%nCREATE WITH %d ENTRIES OF HISTORY: median %.2f ms; new user: %.2f ms%n", HISTORY,
                veteranMs, newcomerMs);
        assertThat(veteranMs).isLessThan(newcomerMs * 1.2 + 1);
        assertThat(streak(veteran)).containsEntry("current_streak", HISTORY + 1)
                .containsEntry("total_entries", HISTORY + 1 + PAIRS + 5);

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

    private long timed(Caller caller, LocalDate day) {
        long start = System.nanoTime();
        Response created = post(caller, "/api/journals", entry(day));
        long took = System.nanoTime() - start;
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return took;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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
