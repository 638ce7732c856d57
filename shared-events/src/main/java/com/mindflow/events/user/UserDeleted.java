package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/** A user deleted their account: every consumer erases or anonymises what it holds about the user (GDPR). */
public record UserDeleted(UUID userId, Instant deletedAt) implements MindFlowEvent {

    public UserDeleted {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    @Override
    public Instant occurredAt() {
        return deletedAt;
    }
}
