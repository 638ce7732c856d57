package com.mindflow.events.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * The user's writing streak and totals after a change to their journal, as command-service keeps them in
 * {@code user_streaks} (by the user's calendar). Read models copy it instead of recomputing streaks themselves.
 *
 * @param lastEntryDate   {@code null} when the user has no entries left
 * @param streakStartDate {@code null} when the current streak is 0
 */
public record WritingStreakUpdated(UUID userId, int currentStreak, int longestStreak, LocalDate streakStartDate,
        LocalDate lastEntryDate, int totalEntries, long totalWords, Instant updatedAt) implements MindFlowEvent {

    public WritingStreakUpdated {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
