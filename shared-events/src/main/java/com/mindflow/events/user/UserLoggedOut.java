package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A session ended.
 *
 * @param reason {@code logout}, {@code signed-out-elsewhere}, {@code password-changed} or
 *               {@code refresh-token-reuse}; a string rather than an enum so a new reason does not break consumers
 */
public record UserLoggedOut(UUID userId, String sessionId, String reason, Instant loggedOutAt)
        implements MindFlowEvent {

    public UserLoggedOut {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(loggedOutAt, "loggedOutAt");
    }

    @Override
    public Instant occurredAt() {
        return loggedOutAt;
    }
}
