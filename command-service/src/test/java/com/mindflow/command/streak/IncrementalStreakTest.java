package com.mindflow.command.streak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * {@link WritingStreak#next} against the definition, {@link WritingStreak#of}: it must either give exactly what a
 * recomputation over all days gives, or decline. The common writes must not decline, whatever the history.
 */
class IncrementalStreakTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void writingTodayExtendsTheRunWithoutReadingTheHistory() {
        Journal journal = Journal.daily(TODAY.minusDays(3650), TODAY.minusDays(1));
        WritingStreak after = journal.add(TODAY, 5).expectIncremental();
        assertThat(after.current()).isEqualTo(3651);
        assertThat(after.longest()).isEqualTo(3651);
        assertThat(after.start()).isEqualTo(TODAY.minusDays(3650));
        assertThat(after.lastEntryDate()).isEqualTo(TODAY);
        assertThat(after.totalEntries()).isEqualTo(3651);
    }

    @Test
    void aDayAfterAGapStartsANewRunAndKeepsTheLongest() {
        Journal journal = Journal.daily(TODAY.minusDays(40), TODAY.minusDays(10));
        WritingStreak after = journal.add(TODAY, 5).expectIncremental();
        assertThat(after.current()).isEqualTo(1);
        assertThat(after.start()).isEqualTo(TODAY);
        assertThat(after.longest()).isEqualTo(31);
    }

    @Test
    void aGapOfADayMoreEndsTheCurrentStreakAtTheNextWrite() {
        Journal journal = Journal.daily(TODAY.minusDays(20), TODAY.minusDays(3));
        WritingStreak after = journal.add(TODAY.minusDays(30), 5).expectIncremental();
        assertThat(after.current()).isZero();
        assertThat(after.start()).isNull();
        assertThat(after.longest()).isEqualTo(18);
    }

    @Test
    void fillingTheGapJoinsTwoRuns() {
        Journal journal = Journal.daily(TODAY.minusDays(5), TODAY.minusDays(2)).plus(TODAY);
        WritingStreak after = journal.add(TODAY.minusDays(1), 5).expectIncremental();
        assertThat(after.current()).isEqualTo(6);
        assertThat(after.longest()).isEqualTo(6);
        assertThat(after.start()).isEqualTo(TODAY.minusDays(5));
    }

    @Test
    void deletingTheLastDayOfARunShorterThanTheLongestKeepsTheLongest() {
        Journal journal = Journal.daily(TODAY.minusDays(400), TODAY.minusDays(300))
                .plusDaily(TODAY.minusDays(10), TODAY);
        WritingStreak after = journal.remove(TODAY).expectIncremental();
        assertThat(after.current()).isEqualTo(10);
        assertThat(after.longest()).isEqualTo(101);
        assertThat(after.lastEntryDate()).isEqualTo(TODAY.minusDays(1));
    }

    @Test
    void deletingMidRunSplitsIt() {
        Journal journal = Journal.daily(TODAY.minusDays(400), TODAY.minusDays(300))
                .plusDaily(TODAY.minusDays(20), TODAY);
        WritingStreak after = journal.remove(TODAY.minusDays(5)).expectIncremental();
        assertThat(after.current()).isEqualTo(5);
        assertThat(after.start()).isEqualTo(TODAY.minusDays(4));
        assertThat(after.longest()).isEqualTo(101);
    }

    @Test
    void deletingInsideTheLongestRunFallsBackToAllDays() {
        Journal journal = Journal.daily(TODAY.minusDays(20), TODAY);
        Journal.Step step = journal.remove(TODAY.minusDays(5));
        assertThat(step.incremental()).isEmpty();
        assertThat(step.expected().current()).isEqualTo(5);
        assertThat(step.expected().longest()).isEqualTo(15);
    }

    @Test
    void deletingTheOnlyEntryLeavesNothing() {
        assertThat(Journal.daily(TODAY, TODAY).remove(TODAY).expectIncremental()).isEqualTo(WritingStreak.NONE);
    }

    @Test
    void movingADayOutOfTheRunShortensIt() {
        Journal journal = Journal.daily(TODAY.minusDays(100), TODAY.minusDays(50))
                .plusDaily(TODAY.minusDays(3), TODAY);
        WritingStreak after = journal.move(TODAY.minusDays(3), TODAY.minusDays(30), 7).expectIncremental();
        assertThat(after.current()).isEqualTo(3);
        assertThat(after.start()).isEqualTo(TODAY.minusDays(2));
        assertThat(after.longest()).isEqualTo(51);
        assertThat(after.totalEntries()).isEqualTo(55);
    }

    @Test
    void movingADayIntoTheGapJoinsRuns() {
        Journal journal = Journal.daily(TODAY.minusDays(60), TODAY.minusDays(40)).plus(TODAY.minusDays(30))
                .plusDaily(TODAY.minusDays(4), TODAY.minusDays(2)).plus(TODAY);
        WritingStreak after = journal.move(TODAY.minusDays(30), TODAY.minusDays(1), 3).expectIncremental();
        assertThat(after.current()).isEqualTo(5);
        assertThat(after.start()).isEqualTo(TODAY.minusDays(4));
        assertThat(after.longest()).isEqualTo(21);
    }

    @Test
    void aNewDayOnTheNextMorningEndsYesterdaysTodayAndCountsWords() {
        Journal journal = Journal.daily(TODAY.minusDays(9), TODAY.minusDays(2));
        Journal.Step step = journal.on(TODAY.minusDays(2)).then(TODAY).revise(TODAY.minusDays(5), 9);
        WritingStreak after = step.expectIncremental();
        assertThat(after.current()).isZero();
        assertThat(after.longest()).isEqualTo(8);
        assertThat(after.totalWords()).isEqualTo(8 * 3 + 9 - 3);
    }

    @Test
    void backDatedEntryNextToTheRunExtendsItsStart() {
        Journal journal = Journal.daily(TODAY.minusDays(3), TODAY);
        WritingStreak after = journal.add(TODAY.minusDays(4), 3).expectIncremental();
        assertThat(after.current()).isEqualTo(5);
        assertThat(after.start()).isEqualTo(TODAY.minusDays(4));
    }

    @Test
    void aStoredStreakThatDoesNotFitTheDaysIsNotTrusted() {
        Journal journal = Journal.daily(TODAY.minusDays(3), TODAY.minusDays(1));
        WritingStreak wrong = new WritingStreak(1, 1, TODAY.minusDays(1), TODAY.minusDays(1), 1, 3);
        TreeMap<LocalDate, Integer> after = new TreeMap<>(journal.days);
        after.put(TODAY, 3);
        StreakChange change = StreakChange.added(TODAY, 3);
        assertThat(WritingStreak.next(wrong, change, Journal.window(after, change, TODAY), TODAY)).isEmpty();
    }

    /** Random histories and changes: never a wrong answer, and mostly an answer. */
    @Test
    void agreesWithTheDefinitionOnRandomHistories() {
        Random random = new Random(42);
        int answered = 0;
        int runs = 10_000;
        for (int i = 0; i < runs; i++) {
            TreeMap<LocalDate, Integer> days = new TreeMap<>();
            int span = 5 + random.nextInt(60);
            double density = random.nextDouble();
            for (int d = -span; d <= 1; d++) {
                if (random.nextDouble() < density) {
                    days.put(TODAY.plusDays(d), random.nextInt(20));
                }
            }
            LocalDate storedOn = TODAY.minusDays(random.nextInt(4));
            Journal journal = new Journal(days, storedOn, TODAY);
            LocalDate some = TODAY.plusDays(1 - random.nextInt(span + 2));
            Journal.Step step;
            int kind = random.nextInt(3);
            if (kind == 0 && !days.containsKey(some)) {
                step = journal.add(some, random.nextInt(20));
            }
            else if (kind == 1 && days.containsKey(some)) {
                step = journal.remove(some);
            }
            else if (!days.isEmpty()) {
                LocalDate from = new ArrayList<>(days.keySet()).get(random.nextInt(days.size()));
                LocalDate to = days.containsKey(some) ? from : some;
                step = journal.move(from, to, random.nextInt(20));
            }
            else {
                continue;
            }
            Optional<WritingStreak> incremental = step.incremental();
            incremental.ifPresent(s -> assertThat(s).as(step.toString()).isEqualTo(step.expected()));
            if (incremental.isPresent()) {
                answered++;
            }
        }
        assertThat(answered).isGreaterThan(runs / 2);
    }

    /** A user's days with words, the streak stored by the last write, and the day of the next write. */
    private record Journal(TreeMap<LocalDate, Integer> days, LocalDate storedOn, LocalDate today) {

        static Journal daily(LocalDate from, LocalDate to) {
            return new Journal(new TreeMap<>(), TODAY, TODAY).plusDaily(from, to);
        }

        Journal plusDaily(LocalDate from, LocalDate to) {
            TreeMap<LocalDate, Integer> more = new TreeMap<>(days);
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                more.put(d, 3);
            }
            return new Journal(more, storedOn, today);
        }

        Journal plus(LocalDate day) {
            return plusDaily(day, day);
        }

        Journal on(LocalDate stored) {
            return new Journal(days, stored, today);
        }

        Journal then(LocalDate next) {
            return new Journal(days, storedOn, next);
        }

        WritingStreak stored() {
            return WritingStreak.of(asDays(days), storedOn);
        }

        Step add(LocalDate day, int words) {
            TreeMap<LocalDate, Integer> after = new TreeMap<>(days);
            after.put(day, words);
            return new Step(this, StreakChange.added(day, words), after);
        }

        Step remove(LocalDate day) {
            TreeMap<LocalDate, Integer> after = new TreeMap<>(days);
            int words = after.remove(day);
            return new Step(this, StreakChange.removed(day, words), after);
        }

        Step move(LocalDate from, LocalDate to, int words) {
            TreeMap<LocalDate, Integer> after = new TreeMap<>(days);
            int before = after.remove(from);
            after.put(to, words);
            return new Step(this, StreakChange.revised(from, before, to, words), after);
        }

        Step revise(LocalDate day, int words) {
            return move(day, day, words);
        }

        record Step(Journal journal, StreakChange change, TreeMap<LocalDate, Integer> after) {

            Optional<WritingStreak> incremental() {
                return WritingStreak.next(journal.stored(), change, window(after, change, journal.today()),
                        journal.today());
            }

            WritingStreak expected() {
                return WritingStreak.of(asDays(after), journal.today());
            }

            WritingStreak expectIncremental() {
                Optional<WritingStreak> incremental = incremental();
                assertThat(incremental).as("answered without reading all days").isPresent();
                assertThat(incremental.get()).isEqualTo(expected());
                return incremental.get();
            }

            @Override
            public String toString() {
                return "days " + journal.days().keySet() + " stored on " + journal.storedOn() + " today "
                        + journal.today() + " change " + change;
            }
        }

        /** What Streaks reads after the change: the days within the ranges, and the latest day. */
        static StreakWindow window(TreeMap<LocalDate, Integer> after, StreakChange change, LocalDate today) {
            List<StreakWindow.Range> ranges = StreakWindow.toRead(change, today);
            TreeSet<LocalDate> read = new TreeSet<>();
            for (LocalDate day : after.keySet()) {
                if (ranges.stream().anyMatch(r -> !day.isBefore(r.from()) && !day.isAfter(r.to()))) {
                    read.add(day);
                }
            }
            return new StreakWindow(ranges, read, after.isEmpty() ? null : after.lastKey());
        }

        private static List<WritingStreak.Day> asDays(Map<LocalDate, Integer> days) {
            return days.entrySet().stream().map(e -> new WritingStreak.Day(e.getKey(), e.getValue())).toList();
        }
    }
}
