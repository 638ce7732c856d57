package com.mindflow.command.streak;

import java.time.LocalDate;

/**
 * What one write did to the set of days a user has a live entry for: at most one day added and one removed (a date
 * change does both), with the change of the entry count and the word count.
 *
 * @param added   a day that now has a live entry and had none; {@code null} if none
 * @param removed a day that had a live entry and has none now; {@code null} if none
 */
public record StreakChange(LocalDate added, LocalDate removed, int entries, long words) {

    public StreakChange {
        if (added != null && added.equals(removed)) {
            throw new IllegalArgumentException("A day cannot be added and removed at once: " + added);
        }
    }

    /** A new entry, or a restored one. */
    public static StreakChange added(LocalDate date, int words) {
        return new StreakChange(date, null, 1, words);
    }

    /** A deleted entry. */
    public static StreakChange removed(LocalDate date, int words) {
        return new StreakChange(null, date, -1, -words);
    }

    /** A replaced entry, maybe moved to another day. */
    public static StreakChange revised(LocalDate from, int wordsBefore, LocalDate to, int wordsAfter) {
        boolean moved = !from.equals(to);
        return new StreakChange(moved ? to : null, moved ? from : null, 0, (long) wordsAfter - wordsBefore);
    }
}
