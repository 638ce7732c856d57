package com.mindflow.ai.analysis.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.EntryAnalyses;
import com.mindflow.events.EventCodec;
import com.mindflow.events.Topics;

/**
 * Entry and account events in, one record at a time: the analysis takes about a millisecond, and handling both
 * topics in one consumer means a private-mode switch is applied between two entries, never while one is being analysed.
 */
@Component
class AnalysisListener {

    static final String GROUP = "ai-entry-analysis";

    private final EntryAnalyses analyses;
    private final EventCodec codec = new EventCodec();

    AnalysisListener(EntryAnalyses analyses) {
        this.analyses = analyses;
    }

    // Two consumers by default: an analysis is a millisecond of CPU and a few round trips (Redis, PostgreSQL, the
    // broker's acknowledgement), so a second thread doubles a backlog's drain; embedding is EmbeddingListener's work,
    // in its own group. With more than one, the range assignor
    // gives partition N of both topics to the same consumer, and a user's events are keyed to one partition, so a
    // user's settings and entries are still read by one thread, in order.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS},
            concurrency = "${mindflow.analysis.consumers:2}",
            properties = "partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor")
    void on(ConsumerRecord<String, String> record) {
        if (Lanes.isBulk(record)) {
            return; // an import's entry: the bulk lane's (BulkEntryListener), behind live ones
        }
        analyses.apply(codec.read(record.value()));
    }
}
