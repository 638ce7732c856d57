package com.mindflow.auth.settings;

import java.time.Clock;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.UserId;
import com.mindflow.auth.events.UserEvents;
import com.mindflow.events.user.UserSettingsUpdated;
import com.mindflow.auth.web.NotFound;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.Valid;

/** The signed-in user's preferences; a change is saved with its {@code UserSettingsUpdated} event. */
@RestController
@RequestMapping("/api/me/settings")
class SettingsController {

    private final Settings settings;
    private final UserEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SettingsController(Settings settings, UserEvents events, TransactionTemplate tx, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @GetMapping
    UserSettings get(@CurrentUser AuthenticatedUser caller) {
        return settings.of(caller.userId()).orElseThrow(() -> new NotFound("settings"));
    }

    @PatchMapping(consumes = "application/json")
    UserSettings patch(@CurrentUser AuthenticatedUser caller, @Valid @RequestBody SettingsPatch patch) {
        UserId user = caller.userId();
        return tx.execute(status -> {
            UserSettings current = settings.lockOf(user).orElseThrow(() -> new NotFound("settings"));
            UserSettings next = patch.applyTo(current, clock.instant());
            if (next.equals(current)) {
                return current; // nothing changed: no write, no event
            }
            settings.save(user, next);
            events.publish(new UserSettingsUpdated(user.value(), next.toEvent(), next.updatedAt()));
            return next;
        });
    }

    /** Absent fields stay as they are. */
    record SettingsPatch(Boolean autoSave, Boolean privateMode, Boolean emailWeeklyInsights,
            Boolean emailMonthlyInsights, Boolean emailReminderToWrite) {

        UserSettings applyTo(UserSettings s, java.time.Instant now) {
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
}
