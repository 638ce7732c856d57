package com.mindflow.ai.analysis.messaging;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import com.mindflow.ai.analysis.application.AnalysisStatus;
import com.mindflow.events.EventCodec;
import com.mindflow.events.Topics;
import com.mindflow.events.UnknownEventTypeException;
import com.mindflow.events.journal.JournalEntrySnapshot;

import tools.jackson.core.JacksonException;

/**
 * A record whose handling fails is tried again with exponential back-off (200 ms, 400 ms, 800 ms by default), then
 * parked on {@code <topic>.dlt} (the topic's shared dead-letter topic) and the partition moves on, so one bad entry
 * never holds up the others; its status becomes {@code failed}. An unreadable record is parked at once.
 */
@Configuration(proxyBeanMethods = false)
class AnalysisFailures {

    private static final Logger log = LoggerFactory.getLogger(AnalysisFailures.class);

    @Bean
    DefaultErrorHandler analysisErrorHandler(KafkaTemplate<Object, Object> template, AnalysisStatus status,
            @Value("${mindflow.ai.retry.initial-interval:200ms}") Duration initial,
            @Value("${mindflow.ai.retry.max-attempts:3}") int maxRetries) {
        EventCodec codec = new EventCodec();
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxAttempts(maxRetries);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            markFailed(record, codec, status);
            deadLetters.accept(record, failure);
            // Ids only: the record's value holds the entry's text.
            log.error("Parked {}-{}@{} on {} after: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), failure.getClass().getName());
        }, backOff);
        handler.addNotRetryableExceptions(JacksonException.class, UnknownEventTypeException.class,
                IllegalArgumentException.class);
        return handler;
    }

    private static void markFailed(ConsumerRecord<?, ?> record, EventCodec codec, AnalysisStatus status) {
        try {
            if (record.value() instanceof String json
                    && codec.read(json).payload() instanceof JournalEntrySnapshot entry && !entry.isPrivate()) {
                status.set(entry.entryId(), AnalysisStatus.State.FAILED);
            }
        }
        catch (RuntimeException unreadable) {
            // Nothing to mark: the record names no entry that could be read.
        }
    }
}
