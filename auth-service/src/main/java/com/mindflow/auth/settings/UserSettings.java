package com.mindflow.auth.settings;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user's preferences, as in {@code user_settings}. */
@Schema(description = "The signed-in user's settings: writing, privacy and mail preferences.")
public record UserSettings(
        @Schema(description = "Whether the app saves an entry automatically while the user writes.") boolean autoSave,
        @Schema(description = "Private mode: no entry of the user is analysed by the AI or embedded for semantic "
                + "search.") boolean privateMode,
        @Schema(description = "Whether to mail the weekly insight.") boolean emailWeeklyInsights,
        @Schema(description = "Whether to mail the monthly insight.") boolean emailMonthlyInsights,
        @Schema(description = "Whether to mail reminders to write.") boolean emailReminderToWrite,
        @Schema(description = "When a setting last changed.") Instant updatedAt) {

    /** The shared-events shape of these settings. */
    public com.mindflow.events.user.UserSettings toEvent() {
        return new com.mindflow.events.user.UserSettings(autoSave, privateMode, emailWeeklyInsights,
                emailMonthlyInsights, emailReminderToWrite);
    }
}
