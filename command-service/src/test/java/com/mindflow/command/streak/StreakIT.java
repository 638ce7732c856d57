package com.mindflow.command.streak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.mindflow.command.ApiTestBase;
import com.mindflow.command.JournalEventsTap;

/** user_streaks follows every write, by the user's calendar, in the write's own transaction. */
class StreakIT extends ApiTestBase {

    private static final Instant NOON_10_MARCH = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void backDatedEntriesJoinRunsAndDeletesAndRestoresCount() {
        clock.setTo(NOON_10_MARCH);
        Caller me = newUser();
        post(me, "/api/journals", entry("2026-03-10", "one two three"));
        String eighth = post(me, "/api/journals", entry("2026-03-08", "four five")).header("Location");
        assertThat(streak(me)).containsEntry("current_streak", 1).containsEntry("longest_streak", 1)
                .containsEntry("total_entries", 2).containsEntry("total_words", 5)
                .containsEntry("last_entry_date", java.sql.Date.valueOf("2026-03-10"));

        // The 9th bridges the gap: one run of three.
        String ninth = post(me, "/api/journals", entry("2026-03-09", "six")).header("Location");
        assertThat(streak(me)).containsEntry("current_streak", 3).containsEntry("longest_streak", 3)
                .containsEntry("streak_start_date", java.sql.Date.valueOf("2026-03-08"))
                .containsEntry("total_entries", 3).containsEntry("total_words", 6);

        call("DELETE", ninth, me.token(), null, Map.of());
        assertThat(streak(me)).containsEntry("current_streak", 1).containsEntry("longest_streak", 1)
                .containsEntry("total_entries", 2).containsEntry("total_words", 5);

        post(me, ninth + "/restore", null);
        assertThat(streak(me)).containsEntry("current_streak", 3).containsEntry("total_entries", 3);

        // Moving the 8th away to the 1st breaks the run again.
        call("PUT", eighth, me.token(), entry("2026-03-01", "four five"), Map.of("If-Match", "1"));
        assertThat(streak(me)).containsEntry("current_streak", 2).containsEntry("longest_streak", 2)
                .containsEntry("streak_start_date", java.sql.Date.valueOf("2026-03-09"));
    }

    @Test
    void currentMeansEndingTodayOrYesterdayInTheUsersZone() {
        // 23:30 UTC on 10 March: the 10th in UTC, already the 11th in Tokyo.
        clock.setTo(Instant.parse("2026-03-10T23:30:00Z"));
        Caller utc = newUser();
        Caller tokyo = newUser(ZoneId.of("Asia/Tokyo"));
        for (Caller caller : List.of(utc, tokyo)) {
            post(caller, "/api/journals", entry("2026-03-08", "a"));
            post(caller, "/api/journals", entry("2026-03-09", "b"));
        }
        assertThat(streak(utc)).containsEntry("current_streak", 2);
        assertThat(streak(tokyo)).containsEntry("current_streak", 0).containsEntry("longest_streak", 2)
                .containsEntry("streak_start_date", null);
    }

    @Test
    void eachChangeOfTheStreakIsPublished() {
        clock.setTo(NOON_10_MARCH);
        Caller me = newUser();
        try (JournalEventsTap tap = JournalEventsTap.fromNow()) {
            post(me, "/api/journals", entry("2026-03-09", "one two"));
            post(me, "/api/journals", entry("2026-03-10", "three"));
            List<JournalEventsTap.Event> streaks = tap.await(me.id(), 4).stream()
                    .filter(e -> e.type().equals("WritingStreakUpdated")).toList();
            assertThat(streaks).hasSize(2);
            var last = streaks.get(1).payload();
            assertThat(last.path("userId").asString()).isEqualTo(me.id().toString());
            assertThat(last.path("currentStreak").asInt()).isEqualTo(2);
            assertThat(last.path("longestStreak").asInt()).isEqualTo(2);
            assertThat(last.path("streakStartDate").asString()).isEqualTo("2026-03-09");
            assertThat(last.path("lastEntryDate").asString()).isEqualTo("2026-03-10");
            assertThat(last.path("totalEntries").asInt()).isEqualTo(2);
            assertThat(last.path("totalWords").asLong()).isEqualTo(3);
        }
    }

    @Test
    void concurrentWritesOfOneUserSerializeOnTheStreakRow() throws Exception {
        clock.setTo(NOON_10_MARCH);
        Caller me = newUser();
        int writers = 8;
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            LocalDate date = LocalDate.of(2026, 3, 10).minusDays(i);
            work.add(() -> post(me, "/api/journals", entry(date.toString(), "w")).status());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(work)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201);
        }
        assertThat(streak(me)).containsEntry("current_streak", writers).containsEntry("longest_streak", writers)
                .containsEntry("total_entries", writers).containsEntry("total_words", writers);
    }

    @Test
    void twoConcurrentCreatesForOneDayGiveOneEntryAndOne409() throws Exception {
        Caller me = newUser();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Callable<Integer> create = () -> post(me, "/api/journals", entry("2026-02-01", "same day")).status();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(List.of(create, create))) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        }
    }

    private Map<String, Object> streak(Caller caller) {
        return jdbc.sql("""
                SELECT current_streak, longest_streak, streak_start_date, last_entry_date, total_entries, total_words
                  FROM user_streaks WHERE user_id = ?
                """).param(caller.id()).query().singleRow();
    }

    private static String entry(String date, String content) {
        return "{\"date\":\"%s\",\"title\":\"Day\",\"content\":\"%s\"}".formatted(date, content);
    }
}
