package com.mindflow.auth.settings;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.auth.events.UserEvents;
import com.mindflow.auth.web.NotFound;
import com.mindflow.events.user.UserSettingsUpdated;
import com.mindflow.support.security.UserId;

/**
 * The one way a user's settings change, whoever asks (the user's PATCH, a one-click unsubscribe): the row is locked,
 * and the new settings are saved with their {@code UserSettingsUpdated} in one transaction, so every change reaches
 * the read side and the audit trail alike.
 */
@Service
public class SettingsChanges {

    private final Settings settings;
    private final UserEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SettingsChanges(Settings settings, UserEvents events, TransactionTemplate tx, Clock clock) {
        this.settings = settings;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** @throws NotFound when the user has no settings (the account was erased) */
    public UserSettings apply(UserId user, SettingsPatch patch) {
        return tx.execute(status -> {
            // Locked, so two concurrent changes apply one after the other instead of losing one.
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
}
