package com.mindflow.command.streak;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A user's streak and totals. {@link #of} computes them from scratch from the dates of all their (non-deleted)
 * entries: the definition. {@link #next} gets the same answer from the streak before a write, the write's change and
 * a bounded {@link StreakWindow} of days, or says it cannot (then the caller computes it from scratch).
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

    /**
     * The streak after {@code change}, as {@link #of} would compute it from all the days after the change, derived
     * from {@code before} (the stored streak, consistent with the days before the change) and {@code window} (the
     * days after the change within a few bounded ranges). Empty when those do not decide it: a run reaching beyond
     * what is known, a removed day inside a run as long as the longest (another run may or may not be as long), or
     * a stored streak that does not fit the days read.
     *
     * <p>Why this is enough: the stored current run is a maximal run, so the days from the day before it to the day
     * after it are known without reading them; adding a day only merges the runs next to it, so the longest is the
     * old longest or the merged run; removing a day only splits its run, so the longest stays unless that run was
     * the longest.
     */
    public static Optional<WritingStreak> next(WritingStreak before, StreakChange change, StreakWindow window,
            LocalDate today) {
        int entries = before.totalEntries() + change.entries();
        long words = before.totalWords() + change.words();
        if (entries < 0 || words < 0 || (window.last() == null) != (entries == 0)) {
            return Optional.empty();
        }
        if (entries == 0) {
            return words == 0 ? Optional.of(NONE) : Optional.empty();
        }
        Known after = new Known(before, change, window);
        if (!after.consistent()) {
            return Optional.empty();
        }
        int longest = before.longest();
        if (change.removed() != null) {
            Optional<Run> split = after.runBefore(change.removed());
            if (split.isEmpty() || split.get().days() >= before.longest()) {
                return Optional.empty();
            }
        }
        if (change.added() != null) {
            Optional<Run> merged = after.runAfter(change.added());
            if (merged.isEmpty()) {
                return Optional.empty();
            }
            longest = Math.max(longest, merged.get().days());
        }
        Optional<Run> current;
        if (after.has(today).orElse(false)) {
            current = after.runAfter(today);
        }
        else if (after.has(today.minusDays(1)).orElse(false)) {
            current = after.runAfter(today.minusDays(1));
        }
        else if (after.has(today).isPresent() && after.has(today.minusDays(1)).isPresent()) {
            return Optional.of(new WritingStreak(0, longest, null, window.last(), entries, words));
        }
        else {
            return Optional.empty();
        }
        if (current.isEmpty() || current.get().days() > longest) {
            return Optional.empty(); // the current run can never be longer than the longest: not the stored state
        }
        return Optional.of(new WritingStreak(current.get().days(), longest, current.get().first(), window.last(),
                entries, words));
    }

    /** Which days have a live entry, as far as the window, the stored run and the change tell. */
    private static final class Known {

        private final WritingStreak before;
        private final StreakChange change;
        private final StreakWindow window;
        /** The stored current run, a maximal run of the days before the change; null when there is none. */
        private final Run stored;

        Known(WritingStreak before, StreakChange change, StreakWindow window) {
            this.before = before;
            this.change = change;
            this.window = window;
            this.stored = before.current() > 0 && before.start() != null
                    ? new Run(before.start(), before.start().plusDays(before.current() - 1L))
                    : null;
        }

        /** Whether {@code day} has a live entry after the change; empty when unknown. */
        Optional<Boolean> has(LocalDate day) {
            if (window.covers(day)) {
                return Optional.of(window.days().contains(day));
            }
            if (day.isAfter(window.last())) {
                return Optional.of(false);
            }
            return fromStored(day);
        }

        /** The same day told by the stored streak and the change alone. */
        private Optional<Boolean> fromStored(LocalDate day) {
            if (day.equals(change.added())) {
                return Optional.of(true);
            }
            if (day.equals(change.removed())) {
                return Optional.of(false);
            }
            if (before.totalEntries() == 0) {
                return Optional.of(false);
            }
            if (stored != null && !day.isBefore(stored.first().minusDays(1)) && !day.isAfter(stored.last().plusDays(1))) {
                return Optional.of(stored.contains(day));
            }
            if (before.lastEntryDate() != null && day.isAfter(before.lastEntryDate())) {
                return Optional.of(false);
            }
            return Optional.empty();
        }

        /** The days read agree with what the stored streak says about them. */
        boolean consistent() {
            for (StreakWindow.Range range : window.ranges()) {
                LocalDate from = range.from();
                LocalDate to = range.to();
                // Only the stretch the stored streak speaks about; beyond its last day and tomorrow nothing exists.
                LocalDate end = window.last().isAfter(to) ? to : window.last().plusDays(1);
                for (LocalDate day = from; !day.isAfter(end); day = day.plusDays(1)) {
                    Optional<Boolean> told = fromStored(day);
                    if (told.isPresent() && told.get() != window.days().contains(day)) {
                        return false;
                    }
                }
            }
            if (change.removed() == null || !change.removed().equals(before.lastEntryDate())) {
                LocalDate expected = later(before.lastEntryDate(), change.added());
                return window.last().equals(expected);
            }
            return true;
        }

        /** The run containing {@code day} after the change. */
        Optional<Run> runAfter(LocalDate day) {
            return run(day, this::has);
        }

        /** The run that contained {@code day} before the change. */
        Optional<Run> runBefore(LocalDate day) {
            return run(day, d -> d.equals(change.removed()) ? Optional.of(true)
                    : d.equals(change.added()) ? Optional.of(false) : has(d));
        }

        private static Optional<Run> run(LocalDate day, Function<LocalDate, Optional<Boolean>> has) {
            LocalDate first = day;
            while (true) {
                Optional<Boolean> previous = has.apply(first.minusDays(1));
                if (previous.isEmpty()) {
                    return Optional.empty();
                }
                if (!previous.get()) {
                    break;
                }
                first = first.minusDays(1);
            }
            LocalDate last = day;
            while (true) {
                Optional<Boolean> next = has.apply(last.plusDays(1));
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                if (!next.get()) {
                    break;
                }
                last = last.plusDays(1);
            }
            return Optional.of(new Run(first, last));
        }

        private static LocalDate later(LocalDate a, LocalDate b) {
            if (a == null) {
                return b;
            }
            return b == null || a.isAfter(b) ? a : b;
        }
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
