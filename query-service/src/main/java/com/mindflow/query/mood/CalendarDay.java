package com.mindflow.query.mood;

import java.time.LocalDate;

/** One day of the seed's mood calendar: {@code mood} is {@code null} on days without an entry or without a mood. */
public record CalendarDay(LocalDate date, String mood, boolean hasEntry) {
}
