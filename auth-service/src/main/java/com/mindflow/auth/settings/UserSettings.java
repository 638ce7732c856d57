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

    /** The shared-events shape of these settings. */
    public com.mindflow.events.user.UserSettings toEvent() {
        return new com.mindflow.events.user.UserSettings(autoSave, privateMode, emailWeeklyInsights,
                emailMonthlyInsights, emailReminderToWrite);
    }
}
