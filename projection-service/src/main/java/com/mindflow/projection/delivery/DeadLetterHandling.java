package com.mindflow.projection.delivery;

import java.time.Duration;

import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

import com.mindflow.events.Topics;
import com.mindflow.events.UnknownEventTypeException;

import tools.jackson.core.JacksonException;

/**
 * Every listener's failure handling (Boot wires the one {@code CommonErrorHandler} bean into its container factory):
 * a few retries with exponential back-off, then the record is parked on {@code <topic>.dlt} and the partition moves
 * on. A record that cannot be read at all is parked at once: retrying cannot fix it.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterHandling {

    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaTemplate<Object, Object> template,
            @Value("${mindflow.projection.retry.initial-interval:200ms}") Duration initial,
            @Value("${mindflow.projection.retry.max-attempts:3}") int maxRetries) {
        // Partition -1: let the producer choose by key, so a dead-letter topic with other partition counts works too.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxAttempts(maxRetries);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(JacksonException.class, UnknownEventTypeException.class,
                DeserializationException.class, IllegalArgumentException.class);
        // Each failed attempt is worth a line: it names the record and the cause.
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }
}
