package com.mindflow.command.streak;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The few entry days a streak update reads after a write: the user's live days within {@link #ranges} (the last
 * days up to today and beyond, and the neighbourhood of each changed day), and the latest live day overall. Each
 * range is one index range scan of {@code idx_entries_user_date}, so the read does not grow with the user's history.
 *
 * @param ranges disjoint, ascending
 * @param days   the live days within {@code ranges}, after the write
 * @param last   the latest live day after the write; {@code null} without any
 */
public record StreakWindow(List<Range> ranges, NavigableSet<LocalDate> days, LocalDate last) {

    /** Days before today read as they stand: a run near today longer than this comes from the stored streak. */
    static final int RECENT_DAYS = 7;
    /** Days either side of a changed day read as they stand. */
    static final int AROUND_CHANGE = 7;
    /** Stands for "no later bound": entries for future days are few (at most tomorrow's, see Journal). */
    static final LocalDate END = LocalDate.of(9999, 12, 31);

    public StreakWindow {
        ranges = List.copyOf(ranges);
        days = new TreeSet<>(days);
    }

    /** Inclusive. */
    public record Range(LocalDate from, LocalDate to) {

        public Range {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /** The ranges to read after {@code change}, merged where they touch. */
    public static List<Range> toRead(StreakChange change, LocalDate today) {
        List<Range> wanted = new ArrayList<>();
        wanted.add(new Range(today.minusDays(RECENT_DAYS), END));
        for (LocalDate day : new LocalDate[] { change.added(), change.removed() }) {
            if (day != null) {
                wanted.add(new Range(day.minusDays(AROUND_CHANGE), day.plusDays(AROUND_CHANGE)));
            }
        }
        wanted.sort(Comparator.comparing(Range::from));
        List<Range> merged = new ArrayList<>();
        for (Range range : wanted) {
            Range previous = merged.isEmpty() ? null : merged.getLast();
            if (previous != null && !range.from().isAfter(previous.to().plusDays(1))) {
                merged.set(merged.size() - 1, new Range(previous.from(),
                        range.to().isAfter(previous.to()) ? range.to() : previous.to()));
            }
            else {
                merged.add(range);
            }
        }
        return merged;
    }

    boolean covers(LocalDate day) {
        for (Range range : ranges) {
            if (range.contains(day)) {
                return true;
            }
        }
        return false;
    }
}
