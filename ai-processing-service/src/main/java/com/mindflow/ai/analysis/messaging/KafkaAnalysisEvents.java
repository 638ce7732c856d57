package com.mindflow.ai.analysis.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.AnalysisEvents;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;

/**
 * Publishes to the event's registered topic ({@code mindflow.ai-insights.v1}), keyed by user id like every event,
 * with the envelope headers, and waits for the broker's acknowledgement: the consumed record's offset is committed
 * only after that, so a crash in between analyses the entry again instead of losing the result.
 */
@Component
class KafkaAnalysisEvents implements AnalysisEvents {

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec codec = new EventCodec();

    KafkaAnalysisEvents(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void publishAll(List<EventEnvelope<?>> envelopes) {
        List<CompletableFuture<?>> sent = new ArrayList<>(envelopes.size());
        for (EventEnvelope<?> envelope : envelopes) {
            ProducerRecord<String, String> record = new ProducerRecord<>(envelope.topic(), envelope.key(),
                    codec.write(envelope));
            EventHeaders.of(envelope).forEach((name, value) ->
                    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            sent.add(kafka.send(record));
        }
        // One wait for all: the producer keeps a key's records in order, and the round trips overlap.
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + types(envelopes), e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + types(envelopes), e);
        }
    }

    private static String types(List<EventEnvelope<?>> envelopes) {
        return envelopes.stream().map(e -> e.eventType() + " " + e.eventId()).toList().toString();
    }
}
