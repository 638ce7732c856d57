package com.mindflow.ai.analysis.application;

import java.util.List;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;

/** Publishes what the analysis derived (or withdrew), as a consequence of {@code cause}; returns once it is stored. */
public interface AnalysisEvents {

    default void publish(EventEnvelope<?> cause, MindFlowEvent event) {
        publish(EventEnvelope.causedBy(cause, event));
    }

    /** Publishes a ready envelope; returns once it is stored. */
    default void publish(EventEnvelope<?> envelope) {
        publishAll(List.of(envelope));
    }

    /** Publishes the envelopes in order, without waiting between them; returns once all are stored. */
    void publishAll(List<EventEnvelope<?>> envelopes);
}
