package com.mindflow.command.streak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class WritingStreakTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void noEntriesNoStreak() {
        assertThat(WritingStreak.of(List.of(), TODAY)).isEqualTo(WritingStreak.NONE);
    }

    @Test
    void aRunEndingTodayIsCurrent() {
        WritingStreak streak = WritingStreak.of(days(0, -1, -2), TODAY);
        assertThat(streak.current()).isEqualTo(3);
        assertThat(streak.longest()).isEqualTo(3);
        assertThat(streak.start()).isEqualTo(TODAY.minusDays(2));
        assertThat(streak.lastEntryDate()).isEqualTo(TODAY);
    }

    @Test
    void aRunEndingYesterdayIsStillCurrentBecauseTodayMayStillBeWritten() {
        WritingStreak streak = WritingStreak.of(days(-1, -2), TODAY);
        assertThat(streak.current()).isEqualTo(2);
        assertThat(streak.start()).isEqualTo(TODAY.minusDays(2));
    }

    @Test
    void aGapBeforeYesterdayEndsTheStreakButNotTheLongest() {
        WritingStreak streak = WritingStreak.of(days(-2, -3, -4, -5), TODAY);
        assertThat(streak.current()).isZero();
        assertThat(streak.start()).isNull();
        assertThat(streak.longest()).isEqualTo(4);
        assertThat(streak.lastEntryDate()).isEqualTo(TODAY.minusDays(2));
    }

    @Test
    void theLongestRunMayLieInThePast() {
        WritingStreak streak = WritingStreak.of(days(0, -1, -5, -6, -7, -8, -20), TODAY);
        assertThat(streak.current()).isEqualTo(2);
        assertThat(streak.longest()).isEqualTo(4);
    }

    @Test
    void aBackDatedEntryThatFillsAGapJoinsBothRuns() {
        assertThat(WritingStreak.of(days(0, -1, -3, -4), TODAY).current()).isEqualTo(2);
        WritingStreak bridged = WritingStreak.of(days(0, -1, -2, -3, -4), TODAY);
        assertThat(bridged.current()).isEqualTo(5);
        assertThat(bridged.longest()).isEqualTo(5);
        assertThat(bridged.start()).isEqualTo(TODAY.minusDays(4));
    }

    @Test
    void anEntryForTomorrowExtendsTheRunThroughToday() {
        WritingStreak streak = WritingStreak.of(days(1, 0, -1), TODAY);
        assertThat(streak.current()).isEqualTo(3);
        assertThat(streak.lastEntryDate()).isEqualTo(TODAY.plusDays(1));
    }

    @Test
    void countsEntriesAndWordsInAnyOrder() {
        WritingStreak streak = WritingStreak.of(List.of(new WritingStreak.Day(TODAY.minusDays(3), 10),
                new WritingStreak.Day(TODAY, 5), new WritingStreak.Day(TODAY.minusDays(1), 7)), TODAY);
        assertThat(streak.totalEntries()).isEqualTo(3);
        assertThat(streak.totalWords()).isEqualTo(22);
        assertThat(streak.current()).isEqualTo(2);
        assertThat(streak.longest()).isEqualTo(2);
    }

    @Test
    void todayIsTheUsersTodayNotTheServers() {
        // 23:30 UTC on 10 March: still the 10th in London, already the 11th in Tokyo.
        ZonedDateTime instant = ZonedDateTime.of(2026, 3, 10, 23, 30, 0, 0, ZoneId.of("UTC"));
        LocalDate london = instant.withZoneSameInstant(ZoneId.of("Europe/London")).toLocalDate();
        LocalDate tokyo = instant.withZoneSameInstant(ZoneId.of("Asia/Tokyo")).toLocalDate();
        List<WritingStreak.Day> entries = List.of(new WritingStreak.Day(LocalDate.of(2026, 3, 8), 1),
                new WritingStreak.Day(LocalDate.of(2026, 3, 9), 1));

        assertThat(WritingStreak.of(entries, london).current()).as("yesterday in London").isEqualTo(2);
        assertThat(WritingStreak.of(entries, tokyo).current()).as("two days ago in Tokyo").isZero();
    }

    private static List<WritingStreak.Day> days(int... offsets) {
        return Arrays.stream(offsets).mapToObj(d -> new WritingStreak.Day(TODAY.plusDays(d), 3)).toList();
    }
}
