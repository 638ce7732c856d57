package com.mindflow.auth.settings;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A change to some settings; absent (null) fields stay as they are. The body of {@code PATCH /api/me/settings}. */
@Schema(description = "A change to the signed-in user's settings; absent fields stay as they are.")
public record SettingsPatch(
        @Schema(description = "Whether the app saves an entry automatically while the user writes.") Boolean autoSave,
        @Schema(description = "Private mode: no entry of the user is analysed by the AI or embedded for semantic "
                + "search.") Boolean privateMode,
        @Schema(description = "Whether to mail the weekly insight.") Boolean emailWeeklyInsights,
        @Schema(description = "Whether to mail the monthly insight.") Boolean emailMonthlyInsights,
        @Schema(description = "Whether to mail reminders to write.") Boolean emailReminderToWrite) {

    /** The settings after this patch; the very same instance when nothing changes (no write, no event). */
    UserSettings applyTo(UserSettings s, Instant now) {
        UserSettings merged = new UserSettings(or(autoSave, s.autoSave()), or(privateMode, s.privateMode()),
                or(emailWeeklyInsights, s.emailWeeklyInsights()), or(emailMonthlyInsights, s.emailMonthlyInsights()),
                or(emailReminderToWrite, s.emailReminderToWrite()), s.updatedAt());
        return merged.equals(s) ? s : new UserSettings(merged.autoSave(), merged.privateMode(),
                merged.emailWeeklyInsights(), merged.emailMonthlyInsights(), merged.emailReminderToWrite(), now);
    }

    private static boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
