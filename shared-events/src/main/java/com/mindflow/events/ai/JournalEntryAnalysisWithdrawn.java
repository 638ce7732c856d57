package com.mindflow.events.ai;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * Whatever the AI derived from an entry must go: the entry became private or was deleted. Consumers remove the
 * entry's analysis and put back what it replaced (the mood's own score), so derived data never outlives its source.
 *
 * @param entryVersion the entry version that made the analysis go; an analysis of this version or an older one that
 *                     arrives later is stale
 */
public record JournalEntryAnalysisWithdrawn(UUID entryId, UUID userId, int entryVersion, Instant withdrawnAt)
        implements MindFlowEvent {

    public JournalEntryAnalysisWithdrawn {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return withdrawnAt;
    }
}
