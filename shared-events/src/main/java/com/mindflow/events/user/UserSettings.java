package com.mindflow.events.user;

/**
 * A user's preferences, the whole set, as in {@code user_settings}.
 *
 * @param privateMode excludes all of the user's entries from AI processing
 */
public record UserSettings(
        boolean autoSave,
        boolean privateMode,
        boolean emailWeeklyInsights,
        boolean emailMonthlyInsights,
        boolean emailReminderToWrite) {
}
