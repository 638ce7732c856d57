package com.mindflow.auth.reminder;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntryUpdated;

/**
 * Which recent days each user wrote on, in {@code user_writing_days}, learnt from command-service's entry events
 * (auth-service does not read command-service's tables). One row per entry, so an edit that moves an entry to
 * another day and a deletion are followed exactly. Only days a reminder can still ask about are kept: anything
 * dated before {@link #oldestKept} is dropped, here and by {@link #prune}. Every write is idempotent, so
 * redeliveries are harmless; one user's events arrive in order (the topic is keyed by user).
 */
@Component
class WritingDays {

    static final String GROUP = "auth-writing-days";

    private static final Logger log = LoggerFactory.getLogger(WritingDays.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EventCodec codec = new EventCodec();

    WritingDays(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.JOURNAL_ENTRIES)
    void on(String json) {
        EventEnvelope<?> envelope;
        try {
            envelope = codec.read(json);
        }
        catch (RuntimeException unknown) {
            log.debug("Skipping an unreadable journal event: {}", unknown.toString());
            return;
        }
        switch (envelope.payload()) {
            case JournalEntryCreated e -> wrote(e.entryId(), e.userId(), e.date());
            case JournalEntryRestored e -> wrote(e.entryId(), e.userId(), e.date());
            case JournalEntryUpdated e -> wrote(e.entryId(), e.userId(), e.date());
            case JournalEntryDeleted e -> forget(e.entryId());
            default -> {
                // attachments, streaks: not about which day has an entry
            }
        }
    }

    private void wrote(UUID entry, UUID user, LocalDate date) {
        if (date.isBefore(oldestKept())) {
            forget(entry); // an old entry, or one an edit moved into the past: nothing to remember
            return;
        }
        try {
            jdbc.sql("""
                    INSERT INTO user_writing_days (entry_id, user_id, entry_date)
                    SELECT :entry, :user, :date WHERE EXISTS (SELECT 1 FROM users WHERE id = :user)
                    ON CONFLICT (entry_id) DO UPDATE SET entry_date = EXCLUDED.entry_date
                    """)
                    .param("entry", entry)
                    .param("user", user)
                    .param("date", date)
                    .update();
        }
        catch (DataIntegrityViolationException erasedMeanwhile) {
            log.debug("Entry event of an account erased meanwhile: skipped");
        }
    }

    private void forget(UUID entry) {
        jdbc.sql("DELETE FROM user_writing_days WHERE entry_id = :entry").param("entry", entry).update();
    }

    /** Drops the days no user's today can be any more; @return how many rows went */
    int prune() {
        return jdbc.sql("DELETE FROM user_writing_days WHERE entry_date < :oldest")
                .param("oldest", oldestKept())
                .update();
    }

    /** Every zone's today is at least UTC's yesterday; one more day of margin. */
    private LocalDate oldestKept() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(2);
    }
}
