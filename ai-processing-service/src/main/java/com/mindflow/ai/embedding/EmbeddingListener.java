package com.mindflow.ai.embedding;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.messaging.Lanes;
import com.mindflow.events.EventCodec;
import com.mindflow.events.Topics;

/**
 * Entry and account events in, for embedding: a consumer group of its own, so the analysis group drains at its own
 * pace. Account events are read too, so the privacy gate of this consumer is as current as its entries (a user's
 * events share a partition number on both topics, and the range assignor gives both to one consumer).
 */
@Component
class EmbeddingListener {

    static final String GROUP = "ai-entry-embedding";

    private final EntryEmbeddingWork work;
    private final EventCodec codec = new EventCodec();

    EmbeddingListener(EntryEmbeddingWork work) {
        this.work = work;
    }

    // One consumer: the lane embeds one entry at a time anyway, its passages spread over the model's threads.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS},
            concurrency = "${mindflow.embedding.consumers:1}",
            properties = "partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor")
    void on(ConsumerRecord<String, String> record) {
        if (Lanes.isBulk(record)) {
            return; // an import's entry: the bulk lane's (BulkEntryListener), behind live ones
        }
        work.apply(codec.read(record.value()));
    }
}
