package com.mindflow.query.stats;

import java.time.LocalDate;

/**
 * The caller's writing stats from {@code user_profile_view} (all zero before projection has seen the user).
 * {@code currentStreakStart} is derived: a streak is consecutive days ending at {@code lastEntryDate}.
 */
public record WritingStats(int currentStreak, int longestStreak, LocalDate currentStreakStart, int totalEntries,
        int totalWords, int averageWords, LocalDate lastEntryDate) {

    static final WritingStats NONE = new WritingStats(0, 0, null, 0, 0, 0, null);
}
