package com.mindflow.ai.analysis.messaging;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.ExponentialBackOff;

import com.mindflow.ai.analysis.application.AnalysisStatus;
import com.mindflow.events.EventCodec;
import com.mindflow.events.Topics;
import com.mindflow.events.UnknownEventTypeException;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettingsUpdated;

import tools.jackson.core.JacksonException;

/**
 * A record whose handling fails is tried again with exponential back-off (200 ms, 400 ms, 800 ms by default), then
 * parked on {@code <topic>.dlt} (the topic's shared dead-letter topic) and the partition moves on, so one bad entry
 * never holds up the others; its status becomes {@code failed}. An unreadable record is parked at once.
 *
 * <p>Except what privacy depends on: a deletion, an entry made private, and every account event (private mode,
 * consent, erasure). Losing one would leave an analysis in place that must go, so those are retried until they
 * succeed (back-off up to 30 s); what fails them is the broker or the database being away, not the record.
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
            // Ids and exception types only: the record's value, and maybe a message, hold the entry's text.
            log.error("Parked {}-{}@{} on {} after: {} caused by {}", record.topic(), record.partition(),
                    record.offset(), Topics.deadLetter(record.topic()), failure.getClass().getName(),
                    NestedExceptionUtils.getMostSpecificCause(failure).getClass().getName());
        }, backOff);
        // A record the database refuses (a constraint) fails the same way every time: parked, never retried.
        handler.addNotRetryableExceptions(JacksonException.class, UnknownEventTypeException.class,
                IllegalArgumentException.class, DataIntegrityViolationException.class);
        handler.setBackOffFunction((record, failure) -> mustNotBeLost(record, codec) ? untilDone(initial) : null);
        return handler;
    }

    /** A record whose loss would keep derived data of a private entry or an excluded account. */
    static boolean mustNotBeLost(ConsumerRecord<?, ?> record, EventCodec codec) {
        if (!(record.value() instanceof String json)) {
            return false;
        }
        try {
            return switch (codec.read(json).payload()) {
                case JournalEntrySnapshot entry -> entry.isPrivate();
                case JournalEntryDeleted deleted -> true;
                case UserSettingsUpdated settings -> true;
                case UserConsentUpdated consent -> true;
                case UserRegistered registered -> true;
                case UserDeleted deleted -> true;
                default -> false;
            };
        }
        catch (RuntimeException unreadable) {
            return false; // parked at once, as any unreadable record
        }
    }

    private static ExponentialBackOff untilDone(Duration initial) {
        ExponentialBackOff backOff = new ExponentialBackOff(initial.toMillis(), 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    private static void markFailed(ConsumerRecord<?, ?> record, EventCodec codec, AnalysisStatus status) {
        String group = KafkaUtils.getConsumerGroupId();
        if (!AnalysisListener.GROUP.equals(group) && !Lanes.BULK_GROUP.equals(group)) {
            return; // the status is the analysis's; a failed live embedding leaves it as it is
        }
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
