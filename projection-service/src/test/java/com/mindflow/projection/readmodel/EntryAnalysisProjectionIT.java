package com.mindflow.projection.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;

/**
 * The AI's per-entry analyses in the read database ({@code journal_entry_analyses}) and as the mood score of the
 * entry's analytics mood event; withdrawals put the mood's own score back; stale and late events change nothing.
 */
class EntryAnalysisProjectionIT extends ProjectionTest {

    private final Events events = new Events();
    private final LocalDate day = LocalDate.of(2026, 3, 14);

    @Test
    void anAnalysisBecomesTheReadModelsAnalysisAndTheMoodScoreAndAWithdrawalUndoesBoth() {
        UUID entry = UUID.randomUUID();
        publish(events.registered("Ana"), events.created(entry, day, "Saturday", "words", Mood.HAPPY, List.of()));
        eventually().until(() -> moodScore(entry).isPresent());
        assertThat(moodScore(entry)).contains(0.6);

        publish(Events.envelope(analysed(entry, 1, -0.42, Sentiment.NEGATIVE)));
        eventually().until(() -> label(entry).isPresent() && moodScore(entry).equals(Optional.of(-0.42)));
        assertThat(label(entry)).contains("negative");
        assertThat(read.sql("SELECT key_phrases[2] FROM journal_entry_analyses WHERE journal_entry_id = :id")
                .param("id", entry).query(String.class).single()).isEqualTo("autumn \"leaves\"");

        // A newer version's analysis wins; an older one arriving after it is stale.
        publish(Events.envelope(analysed(entry, 2, 0.8, Sentiment.POSITIVE)),
                Events.envelope(analysed(entry, 1, -0.9, Sentiment.NEGATIVE)));
        UUID marker = UUID.randomUUID();
        publish(Events.envelope(analysed(marker, 1, 0.1, Sentiment.POSITIVE)));
        eventually().until(() -> label(marker).isPresent() && sentimentRow(marker));
        assertThat(label(entry)).contains("positive");
        assertThat(moodScore(entry)).contains(0.8);

        publish(Events.envelope(new JournalEntryAnalysisWithdrawn(entry, events.userId(), 3, Instant.now())));
        eventually().until(() -> label(entry).isEmpty() && moodScore(entry).equals(Optional.of(0.6)));
        assertThat(read.sql("SELECT withdrawn FROM journal_entry_analyses WHERE journal_entry_id = :id")
                .param("id", entry).query(Boolean.class).single()).isTrue();
        assertThat(sentimentRow(entry)).isFalse();
    }

    @Test
    void anAnalysisThatArrivesBeforeItsEntrysMoodEventIsStillTheScore() {
        UUID entry = UUID.randomUUID();
        publish(events.registered("Bea"));
        publish(Events.envelope(analysed(entry, 1, 0.33, Sentiment.POSITIVE)));
        eventually().until(() -> sentimentRow(entry));
        publish(events.created(entry, day, "Later", "words", Mood.SAD, List.of()));
        eventually().until(() -> moodScore(entry).equals(Optional.of(0.33)));
    }

    @Test
    void privateModeRemovesEveryAnalysisOfTheUserAndRestoresTheMoodScores() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        publish(events.registered("Cid"), events.created(first, day, "One", "words", Mood.ANGRY, List.of()),
                events.created(second, day.plusDays(1), "Two", "words", Mood.NEUTRAL, List.of()),
                Events.envelope(analysed(first, 1, 0.5, Sentiment.POSITIVE)),
                Events.envelope(analysed(second, 1, -0.5, Sentiment.NEGATIVE)));
        eventually().until(() -> moodScore(first).equals(Optional.of(0.5)) && moodScore(second).equals(Optional.of(-0.5))
                && label(first).isPresent() && label(second).isPresent());

        publish(Events.envelope(new UserAnalysesWithdrawn(events.userId(), Instant.now())));
        eventually().until(() -> moodScore(first).equals(Optional.of(-0.8)) && moodScore(second).equals(Optional.of(0.0))
                && analysesOfUser() == 0);
    }

    @Test
    void aLateAnalysisOfAnErasedUserCreatesNothing() {
        UUID entry = UUID.randomUUID();
        publish(events.registered("Dan"), Events.envelope(new UserDeleted(events.userId(), Instant.now())));
        eventually().until(() -> read.sql("SELECT count(*) FROM erased_users WHERE user_id = :id")
                .param("id", events.userId()).query(Integer.class).single() == 1);
        publish(Events.envelope(analysed(entry, 1, 0.7, Sentiment.POSITIVE)));
        // Marker: a later analysis of another user, on the same topic, is applied by both sinks.
        Events other = new Events();
        UUID marker = UUID.randomUUID();
        publish(other.registered("Eve"), Events.envelope(new JournalEntryAnalysed(marker, other.userId(), 1, 0.2,
                Sentiment.POSITIVE, List.of(), "en", Instant.now())));
        eventually().until(() -> label(marker).isPresent() && sentimentRow(marker));
        assertThat(analysesOfUser()).isZero();
        assertThat(sentimentRow(entry)).isFalse();
    }

    private JournalEntryAnalysed analysed(UUID entry, int version, double score, Sentiment sentiment) {
        return new JournalEntryAnalysed(entry, events.userId(), version, score, sentiment,
                List.of("river walk", "autumn \"leaves\""), "en", Instant.now());
    }

    private Optional<Double> moodScore(UUID entry) {
        return analytics.sql("SELECT mood_score FROM mood_events WHERE journal_entry_id = :id").param("id", entry)
                .query(Double.class).optional();
    }

    private boolean sentimentRow(UUID entry) {
        return analytics.sql("SELECT count(*) FROM entry_sentiments WHERE journal_entry_id = :id").param("id", entry)
                .query(Integer.class).single() == 1;
    }

    private Optional<String> label(UUID entry) {
        return read.sql("SELECT sentiment_label FROM journal_entry_analyses WHERE journal_entry_id = :id AND NOT withdrawn")
                .param("id", entry).query(String.class).optional();
    }

    private int analysesOfUser() {
        return read.sql("SELECT count(*) FROM journal_entry_analyses WHERE user_id = :id").param("id", events.userId())
                .query(Integer.class).single();
    }
}
