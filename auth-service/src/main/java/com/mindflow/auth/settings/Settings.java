package com.mindflow.auth.settings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mindflow.support.security.UserId;

/** Every user's row of {@code user_settings}. */
@Repository
public class Settings {

    private final JdbcClient jdbc;

    Settings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The schema's defaults: auto-save on, private mode off, weekly and monthly insights on, reminders off. */
    public UserSettings addDefaults(UserId user, Instant now) {
        UserSettings defaults = new UserSettings(true, false, true, true, false, now);
        jdbc.sql("""
                INSERT INTO user_settings (user_id, auto_save, private_mode, email_weekly_insights,
                                           email_monthly_insights, email_reminder_to_write, created_at, updated_at)
                VALUES (:user, :autoSave, :privateMode, :weekly, :monthly, :reminder, :now, :now)
                """)
                .param("user", user.value())
                .param("autoSave", defaults.autoSave())
                .param("privateMode", defaults.privateMode())
                .param("weekly", defaults.emailWeeklyInsights())
                .param("monthly", defaults.emailMonthlyInsights())
                .param("reminder", defaults.emailReminderToWrite())
                .param("now", Timestamp.from(now))
                .update();
        return defaults;
    }

    public Optional<UserSettings> of(UserId user) {
        return jdbc.sql("""
                SELECT auto_save, private_mode, email_weekly_insights, email_monthly_insights,
                       email_reminder_to_write, updated_at
                  FROM user_settings WHERE user_id = :user
                """)
                .param("user", user.value())
                .query(Settings::map)
                .optional();
    }

    /** Locks the row, so two concurrent PATCHes apply one after the other instead of losing one. */
    Optional<UserSettings> lockOf(UserId user) {
        return jdbc.sql("""
                SELECT auto_save, private_mode, email_weekly_insights, email_monthly_insights,
                       email_reminder_to_write, updated_at
                  FROM user_settings WHERE user_id = :user FOR UPDATE
                """)
                .param("user", user.value())
                .query(Settings::map)
                .optional();
    }

    void save(UserId user, UserSettings settings) {
        jdbc.sql("""
                UPDATE user_settings SET auto_save = :autoSave, private_mode = :privateMode,
                       email_weekly_insights = :weekly, email_monthly_insights = :monthly,
                       email_reminder_to_write = :reminder, updated_at = :now
                 WHERE user_id = :user
                """)
                .param("autoSave", settings.autoSave())
                .param("privateMode", settings.privateMode())
                .param("weekly", settings.emailWeeklyInsights())
                .param("monthly", settings.emailMonthlyInsights())
                .param("reminder", settings.emailReminderToWrite())
                .param("now", Timestamp.from(settings.updatedAt()))
                .param("user", user.value())
                .update();
    }

    private static UserSettings map(ResultSet rs, int row) throws SQLException {
        return new UserSettings(bool(rs, "auto_save", true), bool(rs, "private_mode", false),
                bool(rs, "email_weekly_insights", true), bool(rs, "email_monthly_insights", true),
                bool(rs, "email_reminder_to_write", false), rs.getTimestamp("updated_at").toInstant());
    }

    /** The columns are nullable in the schema; null means the default. */
    private static boolean bool(ResultSet rs, String column, boolean fallback) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? fallback : value;
    }
}
