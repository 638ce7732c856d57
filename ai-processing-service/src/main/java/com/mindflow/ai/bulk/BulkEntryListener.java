package com.mindflow.ai.bulk;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.EntryAnalyses;
import com.mindflow.ai.analysis.messaging.Lanes;
import com.mindflow.ai.embedding.EntryEmbeddingWork;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntrySnapshot;

/**
 * A bulk write's entries in, analysed and then embedded behind every live entry ({@code EmbeddingLane}); the live
 * groups skip them. Account events are read too, so this group's privacy gate is as current as its entries, and an
 * entry deleted or made private before this lane reaches it is never read ({@code ai_entry_withdrawals}).
 */
@Component
class BulkEntryListener {

    static final String GROUP = Lanes.BULK_GROUP;

    private final EntryAnalyses analyses;
    private final EntryEmbeddingWork embeddings;
    private final EventCodec codec = new EventCodec();

    BulkEntryListener(EntryAnalyses analyses, EntryEmbeddingWork embeddings) {
        this.analyses = analyses;
        this.embeddings = embeddings;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS},
            concurrency = "${mindflow.bulk.consumers:1}",
            properties = "partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor")
    void on(ConsumerRecord<String, String> record) {
        boolean bulk = Lanes.isBulk(record);
        if (!bulk && Topics.JOURNAL_ENTRIES.equals(record.topic())) {
            return; // a live entry event: the live groups' (never parsed here)
        }
        EventEnvelope<?> envelope = codec.read(record.value());
        if (bulk) {
            // Any event of a bulk write is this lane's (the live groups skip them all); entries are also embedded.
            analyses.applyBehind(envelope);
            if (envelope.payload() instanceof JournalEntrySnapshot entry) {
                embeddings.background(envelope, entry);
            }
        }
        else {
            // Only the gate: this group may read old account events again, and the live groups keep the profile.
            analyses.recordGate(envelope.payload());
        }
    }
}
