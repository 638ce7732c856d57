package com.mindflow.projection.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.events.Topics;
import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;

/** A poison record is parked on the dead-letter topic and the partition moves on; a re-drive sends it back. */
class DeadLetterIT extends ProjectionTest {

    @Test
    void poisonIsParkedWhileLaterEventsFlowAndARedriveRepublishesIt() {
        Events user = new Events();
        String unreadable = "{not json at all " + UUID.randomUUID();
        UUID poisonEntry = UUID.randomUUID();
        // Valid shape, but the read model cannot store it: journals_view.title is varchar(200).
        String tooLong = "t".repeat(300);
        UUID good = UUID.randomUUID();
        publishRaw(Topics.JOURNAL_ENTRIES, user.userId().toString(), unreadable);
        publish(user.created(poisonEntry, LocalDate.of(2025, 4, 1), tooLong, "x", Mood.HAPPY, List.of()));
        publish(user.created(good, LocalDate.of(2025, 4, 2), "Fine", "a fine entry", Mood.HAPPY, List.of()));

        eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", good)
                .query(Long.class).single() == 1);
        String deadLetter = Topics.deadLetter(Topics.JOURNAL_ENTRIES);
        eventually().until(() -> recordsContaining(deadLetter, unreadable) >= 1 && recordsContaining(deadLetter, poisonEntry.toString()) == 1);
        assertThat(read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", poisonEntry)
                .query(Long.class).single()).isZero();

        DeadLetters deadLetters = new DeadLetters(String.join(",", kafkaProperties.getBootstrapServers()),
                kafkaProperties.getProperties());
        DeadLetters.Redriven result = deadLetters.redrive(Topics.JOURNAL_ENTRIES);
        assertThat(result.redriven()).isGreaterThanOrEqualTo(1);
        assertThat(result.skipped()).isGreaterThanOrEqualTo(1);
        // Back on the topic, still poison for the read model: parked a second time, nothing blocked.
        eventually().until(() -> recordsContaining(deadLetter, poisonEntry.toString()) == 2);
        assertThat(deadLetters.redrive(Topics.JOURNAL_ENTRIES).redriven()).isNotZero();
    }
}
