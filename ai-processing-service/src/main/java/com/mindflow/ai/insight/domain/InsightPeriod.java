package com.mindflow.ai.insight.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

import com.mindflow.events.ai.InsightType;

/** The days an insight covers, both inclusive, in the user's own calendar. */
public record InsightPeriod(InsightType type, LocalDate start, LocalDate end) {

    /** The longest custom period: a year, leap day included. */
    public static final int MAX_CUSTOM_DAYS = 366;

    public InsightPeriod {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }

    /** The last week (Monday to Sunday), month or year that closed before {@code today} began. */
    public static InsightPeriod lastClosed(InsightType type, LocalDate today) {
        return switch (type) {
            case WEEKLY -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new InsightPeriod(type, monday, monday.plusDays(6));
            }
            case MONTHLY -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield new InsightPeriod(type, first, first.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case YEARLY -> {
                LocalDate first = today.withDayOfYear(1).minusYears(1);
                yield new InsightPeriod(type, first, first.with(TemporalAdjusters.lastDayOfYear()));
            }
            case CUSTOM -> throw new IllegalArgumentException("A custom period is chosen, not scheduled");
        };
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }
}
