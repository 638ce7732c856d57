package com.mindflow.projection.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.EventTypes;
import com.mindflow.events.ai.JournalEntryEmbedded;

/**
 * How a sink applies one poll: every event in one go (one commit, one bulk write), because a round trip per event
 * would cost the stores more than the events' own work. If the batch fails it is applied again one event at a time,
 * so the event that cannot be applied is found and reported by its index: the error handler commits the ones before
 * it, retries it and finally parks it, and the rest is delivered again (every sink is idempotent, so that is
 * harmless). An unreadable event is reported the same way, after the events before it are applied.
 */
public final class EventBatches {

    /**
     * Consumer properties of a sink that applies polls as batches: a fetch waits up to 50 ms for 16 KB instead of
     * returning each record alone, so under load a poll brings many events (one commit, one bulk write for all) and
     * the broker serves a fraction of the fetches; idle, a consumer fetches 20 times a second instead of twice
     * (Kafka's 500 ms default), a small price. At most 50 ms is added to the lag to the read model and search.
     */
    public static final String FETCH_MIN_BYTES = "fetch.min.bytes=16384";
    public static final String FETCH_MAX_WAIT = "fetch.max.wait.ms=50";

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);
    private static final EventCodec CODEC = new EventCodec();
    private static final String EMBEDDED = EventTypes.of(JournalEntryEmbedded.class).name();

    private EventBatches() {
    }

    /** @param applyAtOnce applies the given events as one unit: all of them or none */
    public static void apply(List<ConsumerRecord<String, String>> records,
            Consumer<List<EventEnvelope<?>>> applyAtOnce) {
        List<EventEnvelope<?>> envelopes = new ArrayList<>(records.size());
        // Each envelope's record index: a failure is reported by the record's place in the poll.
        List<Integer> positions = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            if (isEmbedding(records.get(i))) {
                continue;
            }
            try {
                envelopes.add(CODEC.read(records.get(i).value()));
                positions.add(i);
            }
            catch (RuntimeException e) {
                applyOrFindTheFailure(envelopes, positions, applyAtOnce);
                throw new BatchListenerFailedException("Unreadable event", e, i);
            }
        }
        applyOrFindTheFailure(envelopes, positions, applyAtOnce);
    }

    /**
     * Passages and their vectors (most of {@code mindflow.ai-insights.v1}'s bytes) are the chunk sink's alone, which
     * does not read through here: the batch sinks skip them by header instead of parsing them and recording each as
     * applied for nothing.
     */
    private static boolean isEmbedding(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        return type != null && EMBEDDED.equals(new String(type.value(), StandardCharsets.UTF_8));
    }

    /** The users a poll's records belong to, from their keys (the outbox keys every event by its user's id). */
    public static Set<UUID> userKeys(List<ConsumerRecord<String, String>> records) {
        Set<UUID> users = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                users.add(UUID.fromString(record.key()));
            }
            catch (RuntimeException notAUserKey) {
                // Not keyed by a user (or no key): such a record is no user's data.
            }
        }
        return users;
    }

    /** Work for the whole poll that may fail (a store that is down), like preparing the target index. */
    @FunctionalInterface
    public interface BatchWork {
        void run() throws Exception;
    }

    /**
     * Runs work that belongs to no single record and reports its failure at the poll's first record: the error
     * handler then treats it like a record's failure (retry, wait out a store outage, park only poison) instead of
     * parking the whole poll, which is what it does with an exception that names no record.
     */
    public static void forTheWholePoll(BatchWork work) {
        try {
            work.run();
        }
        catch (BatchListenerFailedException reported) {
            throw reported;
        }
        catch (Exception e) {
            throw new BatchListenerFailedException("The poll could not be applied", e, 0);
        }
    }

    private static void applyOrFindTheFailure(List<EventEnvelope<?>> envelopes, List<Integer> positions,
            Consumer<List<EventEnvelope<?>>> applyAtOnce) {
        if (envelopes.isEmpty()) {
            return;
        }
        try {
            applyAtOnce.accept(envelopes);
        }
        catch (RuntimeException batchFailed) {
            log.debug("Batch of {} failed ({}); applying one by one", envelopes.size(), batchFailed.toString());
            for (int i = 0; i < envelopes.size(); i++) {
                try {
                    applyAtOnce.accept(List.of(envelopes.get(i)));
                }
                catch (RuntimeException e) {
                    throw new BatchListenerFailedException("Could not apply " + envelopes.get(i).eventType(), e,
                            positions.get(i));
                }
            }
        }
    }
}
