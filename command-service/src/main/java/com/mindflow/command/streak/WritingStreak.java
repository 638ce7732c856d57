package com.mindflow.command.streak;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * A user's streak and totals, computed from scratch from the dates of their (non-deleted) entries. Recomputing
 * instead of adding and subtracting keeps back-dated entries, date changes, deletes and restores trivially right:
 * there is no earlier state to get wrong.
 *
 * @param current         consecutive days of the run that contains today or, failing that, yesterday (the user may
 *                        still write today); 0 otherwise
 * @param longest         the longest run ever, at least {@code current}
 * @param start           first day of the current run; {@code null} when {@code current} is 0
 * @param lastEntryDate   the latest entry's day; {@code null} without entries
 * @param totalEntries    entries not deleted
 * @param totalWords      their words
 */
public record WritingStreak(int current, int longest, LocalDate start, LocalDate lastEntryDate, int totalEntries,
        long totalWords) {

    public static final WritingStreak NONE = new WritingStreak(0, 0, null, null, 0, 0);

    /** One entry as the calculation needs it. */
    public record Day(LocalDate date, int words) {
    }

    /** @param today the user's today, in their time zone */
    public static WritingStreak of(Collection<Day> entries, LocalDate today) {
        if (entries.isEmpty()) {
            return NONE;
        }
        TreeMap<LocalDate, Integer> byDate = new TreeMap<>();
        long words = 0;
        for (Day day : entries) {
            byDate.merge(day.date(), 1, Integer::sum);
            words += day.words();
        }
        List<Run> runs = runs(byDate.navigableKeySet());
        int longest = runs.stream().mapToInt(Run::days).max().orElse(0);
        Run current = runs.stream().filter(run -> run.contains(today)).findFirst()
                .or(() -> runs.stream().filter(run -> run.contains(today.minusDays(1))).findFirst())
                .orElse(null);
        return new WritingStreak(current == null ? 0 : current.days(), longest,
                current == null ? null : current.first(), byDate.lastKey(), entries.size(), words);
    }

    private static List<Run> runs(Iterable<LocalDate> ascending) {
        List<Run> runs = new ArrayList<>();
        LocalDate first = null;
        LocalDate last = null;
        for (LocalDate date : ascending) {
            if (last != null && !date.equals(last.plusDays(1))) {
                runs.add(new Run(first, last));
                first = null;
            }
            if (first == null) {
                first = date;
            }
            last = date;
        }
        runs.add(new Run(first, last));
        return runs;
    }

    private record Run(LocalDate first, LocalDate last) {

        int days() {
            return (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        }

        boolean contains(LocalDate date) {
            return !date.isBefore(first) && !date.isAfter(last);
        }
    }
}
