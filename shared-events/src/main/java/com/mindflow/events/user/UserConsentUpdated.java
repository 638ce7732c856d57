package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/** A user accepted new terms or changed a consent flag; carries the whole consent after the change. */
public record UserConsentUpdated(UUID userId, UserConsent consent, Instant updatedAt) implements MindFlowEvent {

    public UserConsentUpdated {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
