package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/** A user's settings changed; carries all of them after the change. */
public record UserSettingsUpdated(UUID userId, UserSettings settings, Instant updatedAt) implements MindFlowEvent {

    public UserSettingsUpdated {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
