package com.mindflow.events.ai;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * An insight must go: the user asked to forget it, or nothing it could be drawn from is left (its entries were
 * deleted or made private). Consumers delete the insight; a later {@link InsightGenerated} of the same id brings it back.
 */
public record InsightWithdrawn(UUID insightId, UUID userId, Instant withdrawnAt) implements MindFlowEvent {

    public InsightWithdrawn {
        Objects.requireNonNull(insightId, "insightId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }

    @Override
    public UUID aggregateId() {
        return insightId;
    }

    @Override
    public Instant occurredAt() {
        return withdrawnAt;
    }
}
