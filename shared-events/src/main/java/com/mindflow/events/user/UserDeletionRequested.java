package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A user asked to delete their account: it is locked for a grace period and erased ({@link UserDeleted}) at
 * {@code purgeAfter} unless the user cancels ({@link UserDeletionCancelled}). Consumers keep their data meanwhile.
 */
public record UserDeletionRequested(UUID userId, Instant requestedAt, Instant purgeAfter) implements MindFlowEvent {

    public UserDeletionRequested {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(purgeAfter, "purgeAfter");
    }

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
