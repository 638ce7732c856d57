package com.mindflow.outbox;

import java.sql.Timestamp;
import java.util.UUID;
import java.util.function.Supplier;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events into {@code outbox_events} inside the caller's transaction, so an event exists if and only if the
 * state change that caused it was committed. Never save-then-send.
 */
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox_events (id, source, topic, partition_key, event_type, event_version,
                                       aggregate_id, user_id, payload, headers, occurred_at)
            VALUES (:id, :source, :topic, :key, :type, :version, :aggregateId, :userId,
                    CAST(:payload AS jsonb), CAST(:headers AS jsonb), :occurredAt)
            """;

    /** Set while {@link #bulk} runs its work on this thread. */
    private static final ThreadLocal<Boolean> BULK = new ThreadLocal<>();

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final EventCodec codec;
    private final String source;

    public OutboxWriter(JdbcClient jdbc, JsonMapper json, EventCodec codec, String source) {
        this.jdbc = jdbc;
        this.json = json;
        this.codec = codec;
        this.source = source;
    }

    /** Appends a shared-events envelope; the usual way services publish. */
    public void append(EventEnvelope<?> envelope) {
        append(OutboxMessage.of(envelope, codec.write(envelope)));
    }

    /**
     * Runs {@code work}, marking every event it appends as a bulk write's ({@link EventHeaders#LANE}): an import's
     * entries, which consumers with costly per-entry work take behind live ones.
     */
    public static <T> T bulk(Supplier<T> work) {
        if (BULK.get() != null) {
            return work.get();
        }
        BULK.set(Boolean.TRUE);
        try {
            return work.get();
        }
        finally {
            BULK.remove();
        }
    }

    public void append(OutboxMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // An event written outside the state change's transaction could outlive a rollback: refuse loudly.
            throw new IllegalStateException("OutboxWriter.append must run inside the transaction of the state change");
        }
        if (BULK.get() != null) {
            message = message.withHeader(EventHeaders.LANE, EventHeaders.BULK);
        }
        jdbc.sql(INSERT)
                .param("id", message.eventId())
                .param("source", source)
                .param("topic", message.topic())
                .param("key", message.key())
                .param("type", message.eventType())
                .param("version", message.eventVersion())
                .param("aggregateId", message.aggregateId())
                .param("userId", message.userId())
                .param("payload", message.envelopeJson())
                .param("headers", json.writeValueAsString(message.headers()))
                .param("occurredAt", Timestamp.from(message.occurredAt()))
                .update();
    }

    /**
     * Deletes every outbox row of the user, of any source, published or not: the payloads are the user's data
     * (GDPR erasure). Runs in the erasure's transaction, before its own event is appended.
     */
    public int eraseUser(UUID userId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("OutboxWriter.eraseUser must run inside the erasure's transaction");
        }
        return jdbc.sql("DELETE FROM outbox_events WHERE user_id = :userId").param("userId", userId).update();
    }

    String source() {
        return source;
    }
}
