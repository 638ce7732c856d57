package com.mindflow.ai.insight.application;

import java.util.UUID;

/**
 * Where a requested insight stands, for the client polling its Location until the read side has it: Redis
 * {@code ai:insight:{insightId}} = {@code {userId}|{status}}, read by query-service, which checks the owner.
 */
public interface InsightStatus {

    enum State { PENDING, PROCESSING, FAILED }

    void set(UUID insightId, UUID userId, State state);

    /** The insight is gone (forgotten, withdrawn): a poll must find nothing, not a status. */
    void clear(UUID insightId);
}
