package com.mindflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.user.UserDeleted;

class EventEnvelopeTest {

    private final JournalEntryCreated created = EventSamples.sample(JournalEntryCreated.class).payload();

    @Test
    void fillsTheEnvelopeFromThePayloadAndItsRegistration() {
        EventEnvelope<JournalEntryCreated> envelope = EventEnvelope.of(created, "req-1");

        assertThat(envelope.eventType()).isEqualTo("JournalEntryCreated");
        assertThat(envelope.eventVersion()).isEqualTo(1);
        assertThat(envelope.aggregateId()).isEqualTo(EventSamples.ENTRY);
        assertThat(envelope.userId()).isEqualTo(EventSamples.ANA);
        assertThat(envelope.occurredAt()).isEqualTo(created.updatedAt());
        assertThat(envelope.correlationId()).isEqualTo("req-1");
        assertThat(envelope.eventId()).isNotEqualTo(EventEnvelope.of(created, "req-1").eventId());
    }

    @Test
    void isPublishedOnItsTopicKeyedByTheUser() {
        EventEnvelope<JournalEntryCreated> envelope = EventEnvelope.of(created, "req-1");

        assertThat(envelope.topic()).isEqualTo("mindflow.journal-entries.v1");
        assertThat(envelope.key()).isEqualTo(EventSamples.ANA.toString());
    }

    @Test
    void keepsTheCorrelationIdOfTheEventThatCausedIt() {
        EventEnvelope<JournalEntryCreated> cause = EventEnvelope.of(created, "req-1");
        JournalEntryAnalysed analysed = EventSamples.sample(JournalEntryAnalysed.class).payload();

        EventEnvelope<JournalEntryAnalysed> effect = EventEnvelope.causedBy(cause, analysed);

        assertThat(effect.correlationId()).isEqualTo("req-1");
        assertThat(effect.topic()).isEqualTo(Topics.AI_INSIGHTS);
    }

    @Test
    void carriesItsIdentityInHeaders() {
        EventEnvelope<JournalEntryCreated> envelope = EventEnvelope.of(created, "req-1");

        assertThat(EventHeaders.of(envelope))
                .containsEntry(EventHeaders.EVENT_ID, envelope.eventId().toString())
                .containsEntry(EventHeaders.EVENT_TYPE, "JournalEntryCreated")
                .containsEntry(EventHeaders.EVENT_VERSION, "1")
                .containsEntry(EventHeaders.CORRELATION_ID, "req-1");
    }

    @Test
    void refusesATypeThatIsNotThePayloadsRegistration() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(UUID.randomUUID(),
                "JournalEntryUpdated", 1, EventSamples.ENTRY, EventSamples.ANA, Instant.now(), "req-1", created));
        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(UUID.randomUUID(),
                "JournalEntryCreated", 2, EventSamples.ENTRY, EventSamples.ANA, Instant.now(), "req-1", created));
    }

    @Test
    void refusesAUserOtherThanThePayloads() {
        UserDeleted deleted = new UserDeleted(EventSamples.ANA, Instant.now());

        assertThatIllegalArgumentException().isThrownBy(() -> new EventEnvelope<>(UUID.randomUUID(), "UserDeleted",
                1, EventSamples.ANA, UUID.randomUUID(), Instant.now(), "req-1", deleted));
    }
}
