package com.mindflow.events.ai;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * Every analysis of the user's entries must go: the user turned private mode on (the seed: "excludes all entries
 * from AI"). Consumers remove all of the user's analyses and put back the moods' own scores.
 */
public record UserAnalysesWithdrawn(UUID userId, Instant withdrawnAt) implements MindFlowEvent {

    public UserAnalysesWithdrawn {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    }

    @Override
    public Instant occurredAt() {
        return withdrawnAt;
    }
}
