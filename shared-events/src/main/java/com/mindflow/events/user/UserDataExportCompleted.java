package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A requested data export ({@link UserDataExportRequested}) is ready: its archive can be downloaded until
 * {@code expiresAt}. auth-service mails the user a link to the export's status page, never the download URL itself:
 * the page needs a fresh sign-in and hands out a short-lived URL each time.
 *
 * @param entries how many journal entries the archive holds
 */
public record UserDataExportCompleted(UUID userId, UUID exportId, int entries, long sizeBytes, Instant completedAt,
        Instant expiresAt) implements MindFlowEvent {

    public UserDataExportCompleted {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public Instant occurredAt() {
        return completedAt;
    }
}
