package com.mindflow.auth.settings;

import java.time.Instant;

/** A change to some settings; absent (null) fields stay as they are. The body of {@code PATCH /api/me/settings}. */
public record SettingsPatch(Boolean autoSave, Boolean privateMode, Boolean emailWeeklyInsights,
        Boolean emailMonthlyInsights, Boolean emailReminderToWrite) {

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
