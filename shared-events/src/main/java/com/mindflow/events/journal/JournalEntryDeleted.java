package com.mindflow.events.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A journal entry was deleted (softly: it can be restored).
 *
 * @param date    the entry's day, so streaks and the mood calendar can be recomputed without a lookup
 * @param version the entry's version after the deletion
 */
public record JournalEntryDeleted(UUID entryId, UUID userId, LocalDate date, int version, Instant deletedAt)
        implements MindFlowEvent {

    public JournalEntryDeleted {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return deletedAt;
    }
}
