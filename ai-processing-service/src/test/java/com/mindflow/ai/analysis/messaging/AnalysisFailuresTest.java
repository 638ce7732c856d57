package com.mindflow.ai.analysis.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserConsentUpdated;

/** Which failing records are retried until they succeed: those whose loss would keep what privacy removes. */
class AnalysisFailuresTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final UUID USER = UUID.randomUUID();

    @Test
    void withdrawalsAndAccountEventsAreNeverParkedButAnAnalysisIs() {
        Instant now = Instant.now();
        assertThat(mustNotBeLost(entry(true))).as("an entry made private").isTrue();
        assertThat(mustNotBeLost(new JournalEntryDeleted(UUID.randomUUID(), USER, LocalDate.now(), 2, now)))
                .isTrue();
        assertThat(mustNotBeLost(new UserConsentUpdated(USER, new UserConsent("v1", now, "v1", now, false, false),
                now))).isTrue();
        assertThat(mustNotBeLost(entry(false))).as("an analysis: back-off, then the dead-letter topic").isFalse();
        assertThat(AnalysisFailures.mustNotBeLost(new ConsumerRecord<>("t", 0, 0, "k", "{not json"), CODEC))
                .isFalse();
    }

    private static JournalEntryCreated entry(boolean isPrivate) {
        Instant now = Instant.now();
        return new JournalEntryCreated(UUID.randomUUID(), USER, LocalDate.now(), "t", "c", Mood.HAPPY, List.of(),
                null, null, 1, 1, isPrivate, 1, now, now);
    }

    private static boolean mustNotBeLost(MindFlowEvent event) {
        String json = CODEC.write(EventEnvelope.of(event, "test"));
        return AnalysisFailures.mustNotBeLost(new ConsumerRecord<>("t", 0, 0, USER.toString(), json), CODEC);
    }
}
