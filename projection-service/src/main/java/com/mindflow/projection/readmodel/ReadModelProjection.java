package com.mindflow.projection.readmodel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntrySnapshot;

/**
 * Keeps the read database's {@code journals_view} current, per event. Its own consumer group, so a slow store
 * elsewhere never holds it up.
 */
@Component
class ReadModelProjection {

    static final String GROUP = "projection-read-model";

    private static final Logger log = LoggerFactory.getLogger(ReadModelProjection.class);

    private final JournalsView journals;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final EventCodec codec = new EventCodec();

    ReadModelProjection(JournalsView journals, ProcessedEvents processed, ReadTransactions transactions) {
        this.journals = journals;
        this.processed = processed;
        this.transactions = transactions.template();
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.JOURNAL_ENTRIES)
    void on(String envelopeJson) {
        EventEnvelope<?> envelope = codec.read(envelopeJson);
        transactions.executeWithoutResult(status -> {
            if (!processed.markApplied(GROUP, envelope.eventId())) {
                log.debug("Skipping {} {}: already applied", envelope.eventType(), envelope.eventId());
                return;
            }
            apply(envelope);
        });
    }

    private void apply(EventEnvelope<?> envelope) {
        switch (envelope.payload()) {
            case JournalEntrySnapshot entry -> journals.upsert(entry);
            case JournalEntryDeleted e -> journals.remove(e.entryId(), e.version());
            default -> log.debug("{} does not change the journals view", envelope.eventType());
        }
    }
}
