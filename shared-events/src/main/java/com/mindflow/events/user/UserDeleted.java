package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A user's account was erased for good (GDPR Art. 17), once the grace period after {@link UserDeletionRequested}
 * passed: every consumer erases what it holds about the user, or keeps it only under a pseudonym (the audit trail),
 * and drops any later event of the user. Consumers must be idempotent: a purge that failed half-way sends it again.
 */
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
