package com.mindflow.ai.analysis.application;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;

/** Publishes what the analysis derived (or withdrew), as a consequence of {@code cause}; returns once it is stored. */
public interface AnalysisEvents {

    default void publish(EventEnvelope<?> cause, MindFlowEvent event) {
        publish(EventEnvelope.causedBy(cause, event));
    }

    /** Publishes a ready envelope; returns once it is stored. */
    void publish(EventEnvelope<?> envelope);
}
