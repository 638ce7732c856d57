package com.mindflow.ai.insight.application;

import com.mindflow.events.MindFlowEvent;

/** Publishes an insight event to its topic; returns once the broker has it. */
public interface InsightEvents {

    void publish(MindFlowEvent event);
}
