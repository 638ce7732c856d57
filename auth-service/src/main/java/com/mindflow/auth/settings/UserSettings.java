package com.mindflow.auth.settings;

import java.time.Instant;

/** A user's preferences, as in {@code user_settings}. */
public record UserSettings(
        boolean autoSave,
        boolean privateMode,
        boolean emailWeeklyInsights,
        boolean emailMonthlyInsights,
        boolean emailReminderToWrite,
        Instant updatedAt) {
}
