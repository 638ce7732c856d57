package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A user's profile changed (including a verified e-mail address). Carries the whole profile after the change, so a
 * projection overwrites instead of merging.
 *
 * @param timezone IANA zone id
 * @param language {@code en} or {@code pt}
 * @param theme    {@code light}, {@code dark} or {@code system}
 */
public record UserProfileUpdated(
        UUID userId,
        String email,
        String displayName,
        String photoUrl,
        String timezone,
        String language,
        String theme,
        boolean emailVerified,
        Instant updatedAt) implements MindFlowEvent {

    public UserProfileUpdated {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
