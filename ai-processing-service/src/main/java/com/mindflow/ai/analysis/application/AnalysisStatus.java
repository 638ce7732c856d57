package com.mindflow.ai.analysis.application;

import java.util.UUID;

/** Where an entry's analysis stands, for the client to poll (the seed's Redis key {@code ai:queue:{entryId}}). */
public interface AnalysisStatus {

    enum State { QUEUED, PROCESSING, COMPLETED, FAILED }

    void set(UUID entryId, State state);

    /** The entry's analysis was withdrawn: there is nothing to wait for. */
    void clear(UUID entryId);
}
