package com.mindflow.query.mood;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A month of the seed's calendar: every day of the month, in order, and how many of them have an entry. */
@Schema(description = "A month of the user's mood calendar: every day with its mood.")
public record MoodCalendarView(int year,
        @Schema(description = "The month, 1-12.") int month,
        @Schema(description = "Days of the month with an entry.") int entryCount,
        @Schema(description = "Every day of the month, in order.") List<CalendarDay> days) {
}
