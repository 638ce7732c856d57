package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A user signed in and a session was opened.
 *
 * @param sessionId the session's id: an identifier for listing and ending sessions, not a credential
 */
public record UserLoggedIn(UUID userId, String sessionId, Instant loggedInAt) implements MindFlowEvent {

    public UserLoggedIn {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(loggedInAt, "loggedInAt");
    }

    @Override
    public Instant occurredAt() {
        return loggedInAt;
    }
}
