package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/** A user cancelled their account's deletion within the grace period: the account is open again. */
public record UserDeletionCancelled(UUID userId, Instant cancelledAt) implements MindFlowEvent {

    public UserDeletionCancelled {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
    }

    @Override
    public Instant occurredAt() {
        return cancelledAt;
    }
}
