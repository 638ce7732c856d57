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

    // One consumer by default: embedding is CPU-bound background work and must leave the other core to reads and
    // writes (mindflow.analysis.consumers raises it where there are cores to spare). With more, the range assignor
    // gives partition N of both topics to the same consumer, and a user's events are keyed to one partition, so a
    // user's settings and entries are still read by one thread, in order.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS},
            concurrency = "${mindflow.analysis.consumers:1}",
            properties = "partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor")
    void on(ConsumerRecord<String, String> record) {
        analyses.apply(codec.read(record.value()));
    }
}
