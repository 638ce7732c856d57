package com.mindflow.query.mood;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/** One day of the seed's mood calendar: {@code mood} is {@code null} on days without an entry or without a mood. */
@Schema(description = "One day of the mood calendar.")
public record CalendarDay(@Schema(description = "The day (ISO-8601 date).") LocalDate date,
        @Schema(description = "The mood of the day's entry: `ecstatic`, `happy`, `neutral`, `sad`, `anxious` or "
                + "`angry`; null without an entry or without a mood.") String mood,
        @Schema(description = "Whether the user wrote an entry that day.") boolean hasEntry) {
}
