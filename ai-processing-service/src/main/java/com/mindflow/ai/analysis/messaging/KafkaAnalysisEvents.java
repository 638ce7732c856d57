package com.mindflow.ai.analysis.messaging;

import java.nio.charset.StandardCharsets;
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
    public void publish(EventEnvelope<?> envelope) {
        ProducerRecord<String, String> record = new ProducerRecord<>(envelope.topic(), envelope.key(),
                codec.write(envelope));
        EventHeaders.of(envelope).forEach((name, value) ->
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + envelope.eventType(), e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + envelope.eventType() + " " + envelope.eventId(), e);
        }
    }
}
