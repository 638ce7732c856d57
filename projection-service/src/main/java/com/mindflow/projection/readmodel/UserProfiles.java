package com.mindflow.projection.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.events.journal.WritingStreakUpdated;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserProfileUpdated;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code user_profile_view}: the seed's profile view as a table, written from the user events and the write side's
 * streaks. Settings and consent are stored in the JSON shapes the seed's view builds.
 */
@Component
class UserProfiles {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    UserProfiles(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void register(UserRegistered user) {
        // DO NOTHING: a replayed registration must not reset what later events changed.
        jdbc.sql("""
                INSERT INTO user_profile_view (id, email, display_name, photo_url, timezone, language, theme,
                                               created_at, settings, gdpr_consent, joined_days_ago)
                VALUES (:id, :email, :name, :photo, :timezone, :language, :theme, :createdAt,
                        CAST(:settings AS json), CAST(:consent AS json),
                        CURRENT_DATE - CAST(:createdAt AS timestamptz)::date)
                ON CONFLICT (id) DO NOTHING
                """)
                .param("id", user.userId()).param("email", user.email())
                .param("name", user.displayName() == null ? user.email() : user.displayName())
                .param("photo", user.photoUrl()).param("timezone", user.timezone())
                .param("language", user.language()).param("theme", user.theme())
                .param("createdAt", Timestamp.from(user.createdAt()))
                .param("settings", settingsJson(user.settings())).param("consent", consentJson(user.consent()))
                .update();
    }

    /**
     * A rebuild's account snapshot is the truth for the account fields: the row is created if missing, its profile,
     * settings and consent rewritten otherwise (streak columns stay: they come from command-service's snapshots).
     */
    void restate(UserRegistered user) {
        register(user);
        jdbc.sql("""
                UPDATE user_profile_view SET email = :email, display_name = :name, photo_url = :photo,
                       timezone = :timezone, language = :language, theme = :theme,
                       settings = CAST(:settings AS json), gdpr_consent = CAST(:consent AS json)
                 WHERE id = :id
                """)
                .param("id", user.userId()).param("email", user.email())
                .param("name", user.displayName() == null ? user.email() : user.displayName())
                .param("photo", user.photoUrl()).param("timezone", user.timezone())
                .param("language", user.language()).param("theme", user.theme())
                .param("settings", settingsJson(user.settings())).param("consent", consentJson(user.consent()))
                .update();
    }

    /** The end of a read-model rebuild: profiles of accounts the rebuild neither replayed nor saw change are gone. */
    void sweep(UUID rebuildId) {
        jdbc.sql("""
                DELETE FROM user_profile_view p
                 WHERE NOT EXISTS (SELECT 1 FROM rebuild_entries r WHERE r.rebuild_id = :id AND r.entry_id = p.id)
                """).param("id", rebuildId).update();
    }

    void profileChanged(UserProfileUpdated p) {
        jdbc.sql("""
                UPDATE user_profile_view SET email = COALESCE(:email, email),
                       display_name = COALESCE(:name, display_name), photo_url = :photo, timezone = :timezone,
                       language = :language, theme = :theme,
                       joined_days_ago = CURRENT_DATE - created_at::date
                 WHERE id = :id
                """)
                .param("id", p.userId()).param("email", p.email()).param("name", p.displayName())
                .param("photo", p.photoUrl()).param("timezone", p.timezone()).param("language", p.language())
                .param("theme", p.theme())
                .update();
    }

    void settingsChanged(UUID userId, UserSettings settings) {
        jdbc.sql("UPDATE user_profile_view SET settings = CAST(:settings AS json) WHERE id = :id")
                .param("id", userId).param("settings", settingsJson(settings)).update();
    }

    void consentChanged(UUID userId, UserConsent consent) {
        jdbc.sql("UPDATE user_profile_view SET gdpr_consent = CAST(:consent AS json) WHERE id = :id")
                .param("id", userId).param("consent", consentJson(consent)).update();
    }

    void loggedIn(UUID userId, Instant at) {
        // GREATEST: a late-arriving older login never moves the last login back.
        jdbc.sql("""
                UPDATE user_profile_view SET last_login_at = GREATEST(last_login_at, CAST(:at AS timestamptz))
                 WHERE id = :id
                """)
                .param("id", userId).param("at", Timestamp.from(at)).update();
    }

    /**
     * Copies the write side's streak. A streak that arrives before the registration (another topic) finds no row
     * and is dropped; the next entry change brings it again.
     */
    void streakChanged(WritingStreakUpdated s) {
        jdbc.sql("""
                UPDATE user_profile_view SET current_streak = :current, longest_streak = :longest,
                       total_entries = :entries, total_words = :words, last_entry_date = :lastEntry,
                       avg_words_per_entry = CASE WHEN :entries > 0 THEN :words / :entries ELSE 0 END,
                       joined_days_ago = CURRENT_DATE - created_at::date
                 WHERE id = :id
                """)
                .param("id", s.userId()).param("current", s.currentStreak()).param("longest", s.longestStreak())
                .param("entries", s.totalEntries()).param("words", (int) Math.min(Integer.MAX_VALUE, s.totalWords()))
                .param("lastEntry", s.lastEntryDate())
                .update();
    }

    void remove(UUID userId) {
        jdbc.sql("DELETE FROM user_profile_view WHERE id = :id").param("id", userId).update();
    }

    private String settingsJson(UserSettings s) {
        Map<String, Object> notifications = new LinkedHashMap<>();
        notifications.put("weeklyInsights", s.emailWeeklyInsights());
        notifications.put("monthlyInsights", s.emailMonthlyInsights());
        notifications.put("reminderToWrite", s.emailReminderToWrite());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("autoSave", s.autoSave());
        settings.put("privateMode", s.privateMode());
        settings.put("emailNotifications", notifications);
        return json.writeValueAsString(settings);
    }

    private String consentJson(UserConsent c) {
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("termsAcceptedAt", c.termsAcceptedAt().toString());
        consent.put("privacyPolicyAcceptedAt", c.privacyPolicyAcceptedAt().toString());
        consent.put("dataProcessingConsent", c.dataProcessingConsent());
        consent.put("marketingConsent", c.marketingConsent());
        return json.writeValueAsString(consent);
    }
}
