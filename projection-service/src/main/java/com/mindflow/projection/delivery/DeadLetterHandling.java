package com.mindflow.projection.delivery;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import com.mindflow.events.Topics;
import com.mindflow.events.UnknownEventTypeException;
import com.mindflow.support.problem.StoreOutage;

import tools.jackson.core.JacksonException;

/**
 * Every listener's failure handling (Boot wires the one {@code CommonErrorHandler} bean into its container factory):
 * a few retries with exponential back-off, then the record is parked on {@code <topic>.dlt} and the partition moves
 * on. A record that cannot be read at all is parked at once: retrying cannot fix it.
 * <p>
 * A store that is down or not answering ({@link StoreOutage}) is not the record's fault: dead letters are for poison,
 * so the sink retries that record for as long as the outage lasts (back-off growing to
 * {@code mindflow.projection.outage.max-interval}), which pauses the partition, and goes on where it stopped once
 * the store is back. Nobody has to re-drive anything after an outage.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterHandling {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandling.class);

    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaTemplate<Object, Object> template,
            @Value("${mindflow.projection.retry.initial-interval:200ms}") Duration initial,
            @Value("${mindflow.projection.retry.max-attempts:3}") int maxRetries,
            @Value("${mindflow.projection.outage.initial-interval:1s}") Duration outageInitial,
            @Value("${mindflow.projection.outage.max-interval:30s}") Duration outageMax) {
        // Partition -1: let the producer choose by key, so a dead-letter topic with other partition counts works too.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxAttempts(maxRetries);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.setBackOffFunction((record, failure) -> StoreOutage.isOutage(failure)
                ? untilTheStoreIsBack(outageInitial, outageMax) : null);
        handler.addNotRetryableExceptions(JacksonException.class, UnknownEventTypeException.class,
                DeserializationException.class, IllegalArgumentException.class);
        // Each failed attempt is worth a line naming the record and the cause; the handler itself logs at debug.
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
                log.warn("Attempt {} at {}-{}@{} failed: {}", attempt, record.topic(), record.partition(),
                        record.offset(), rootCause(failure).toString());
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
                String message = "Parked {}-{}@{} on {} after: {}";
                Object[] arguments = {record.topic(), record.partition(), record.offset(),
                        Topics.deadLetter(record.topic()), rootCause(failure).toString()};
                if (Topics.operational().contains(record.topic())) {
                    // An ERROR would itself become an application_logs record, parked again while the store is down.
                    log.warn(message, arguments);
                }
                else {
                    log.error(message, arguments);
                }
            }
        });
        return handler;
    }

    /** No attempt limit and no elapsed-time limit: the record waits for its store, however long that takes. */
    static BackOff untilTheStoreIsBack(Duration initial, Duration max) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Integer.MAX_VALUE);
        return backOff;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
