package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A user asked for a copy of their data (GDPR). The exporter gathers it and mails a download link.
 *
 * @param exportId identifies this request, so a redelivered event does not produce a second export
 * @param email    where the link goes, as of the request
 */
public record UserDataExportRequested(UUID userId, UUID exportId, String email, Instant requestedAt)
        implements MindFlowEvent {

    public UserDataExportRequested {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
