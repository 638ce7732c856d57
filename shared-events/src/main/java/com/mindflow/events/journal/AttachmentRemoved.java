package com.mindflow.events.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * An attachment was removed from a journal entry.
 *
 * @param entryVersion the entry's version after the removal
 */
public record AttachmentRemoved(UUID attachmentId, UUID entryId, UUID userId, Instant removedAt, int entryVersion)
        implements MindFlowEvent {

    public AttachmentRemoved {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(removedAt, "removedAt");
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return removedAt;
    }
}
