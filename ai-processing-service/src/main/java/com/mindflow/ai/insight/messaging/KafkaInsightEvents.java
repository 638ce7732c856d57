package com.mindflow.ai.insight.messaging;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.AnalysisEvents;
import com.mindflow.ai.insight.application.InsightEvents;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;
import com.mindflow.support.correlation.Correlation;

/**
 * Insight events go the way the analysis' go (keyed by user, acknowledged before returning), in an envelope of their
 * own: a schedule or a worker makes them, not a consumed event, so the request's correlation id is all they carry.
 */
@Component
class KafkaInsightEvents implements InsightEvents {

    private final AnalysisEvents events;

    KafkaInsightEvents(AnalysisEvents events) {
        this.events = events;
    }

    @Override
    public void publish(MindFlowEvent event) {
        String correlation = Correlation.current();
        events.publish(EventEnvelope.of(event, correlation != null ? correlation : UUID.randomUUID().toString()));
    }
}
