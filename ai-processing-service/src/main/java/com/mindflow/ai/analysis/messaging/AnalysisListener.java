package com.mindflow.ai.analysis.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.EntryAnalyses;
import com.mindflow.events.EventCodec;
import com.mindflow.events.Topics;

/**
 * Entry and account events in, one record at a time: the analysis takes microseconds, and handling both topics in
 * one consumer means a private-mode switch is applied between two entries, never while one is being analysed.
 */
@Component
class AnalysisListener {

    static final String GROUP = "ai-entry-analysis";

    private final EntryAnalyses analyses;
    private final EventCodec codec = new EventCodec();

    AnalysisListener(EntryAnalyses analyses) {
        this.analyses = analyses;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS})
    void on(ConsumerRecord<String, String> record) {
        analyses.apply(codec.read(record.value()));
    }
}
