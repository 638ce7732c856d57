package com.mindflow.auth.events;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;

/**
 * The one place where the auth-service's events meet the outbox: each call writes one shared-events envelope in
 * the caller's transaction (the outbox refuses to run outside one), correlated with the current request. The
 * payloads are {@code com.mindflow.events.user} records, which never carry a password, a hash or a token.
 */
@Component
public class UserEvents {

    private final OutboxWriter outbox;

    UserEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void publish(MindFlowEvent event) {
        String correlationId = Correlation.current();
        outbox.append(EventEnvelope.of(event, correlationId == null ? Correlation.newId() : correlationId));
    }

    /** Drops the user's events still held in the outbox, sent or not: their payloads are the user's data. */
    public void forget(UUID userId) {
        outbox.eraseUser(userId);
    }
}
