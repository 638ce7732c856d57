package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A user account was created, with everything the profile projection needs to show it.
 *
 * @param photoUrl      {@code null} until the user sets one
 * @param timezone      IANA zone id, e.g. {@code Europe/Lisbon}
 * @param language      {@code en} or {@code pt}
 * @param theme         {@code light}, {@code dark} or {@code system}
 */
public record UserRegistered(
        UUID userId,
        String email,
        String displayName,
        String photoUrl,
        String timezone,
        String language,
        String theme,
        boolean emailVerified,
        UserSettings settings,
        UserConsent consent,
        Instant createdAt) implements MindFlowEvent {

    public UserRegistered {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public Instant occurredAt() {
        return createdAt;
    }
}
