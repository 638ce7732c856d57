package com.mindflow.query.stats;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The caller's writing stats from {@code user_profile_view} (all zero before projection has seen the user).
 * {@code currentStreakStart} is derived: a streak is consecutive days ending at {@code lastEntryDate}.
 */
@Schema(description = "The user's writing stats: streaks of consecutive days with an entry, and entry and word "
        + "counts. All zero before the first entry.")
public record WritingStats(
        @Schema(description = "Consecutive days with an entry, ending at `lastEntryDate`.") int currentStreak,
        @Schema(description = "The most consecutive days with an entry ever.") int longestStreak,
        @Schema(description = "The first day of the current streak (ISO-8601 date); null without entries.")
        LocalDate currentStreakStart,
        @Schema(description = "Journal entries written.") int totalEntries,
        @Schema(description = "Words in all entries.") int totalWords,
        @Schema(description = "Words per entry, on average.") int averageWords,
        @Schema(description = "The day of the latest entry (ISO-8601 date); null without entries.")
        LocalDate lastEntryDate) {

    static final WritingStats NONE = new WritingStats(0, 0, null, 0, 0, 0, null);
}
