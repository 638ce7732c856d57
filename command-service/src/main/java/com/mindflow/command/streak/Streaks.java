package com.mindflow.command.streak;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.journal.WritingStreakUpdated;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;

/**
 * Keeps {@code user_streaks} right in the transaction of every journal write. The user's streak row doubles as the
 * user's write lock: {@link #lock} comes first in each write, so one user's writes run one after the other (their
 * date checks cannot race, and their events leave the outbox in commit order), while different users never wait for
 * each other.
 */
@Component
public class Streaks {

    private static final String UPSERT = """
            INSERT INTO user_streaks (user_id) VALUES (:user) ON CONFLICT (user_id) DO NOTHING
            """;
    private static final String LOCK = """
            SELECT current_streak, longest_streak, streak_start_date, last_entry_date, total_entries, total_words
              FROM user_streaks WHERE user_id = :user FOR UPDATE
            """;
    // Served by idx_entries_user_date (user_id, date DESC) WHERE deleted_at IS NULL.
    private static final String ENTRY_DAYS = """
            SELECT date, word_count FROM journal_entries
             WHERE user_id = :user AND deleted_at IS NULL ORDER BY date DESC
            """;
    private static final String UPDATE = """
            UPDATE user_streaks SET current_streak = :current, longest_streak = :longest,
                   streak_start_date = :start, last_entry_date = :last, total_entries = :entries,
                   total_words = :words
             WHERE user_id = :user
            """;

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final Clock clock;

    Streaks(JdbcClient jdbc, OutboxWriter outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Takes the user's write lock; the answer is the streak as it stood, for {@link #refresh}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Locked lock(UUID user) {
        // Only a row that exists can be locked; the upsert makes sure it does without a race between two writers.
        jdbc.sql(UPSERT).param("user", user).update();
        WritingStreak before = jdbc.sql(LOCK).param("user", user)
                .query((rs, n) -> new WritingStreak(rs.getInt(1), rs.getInt(2), localDate(rs.getDate(3)),
                        localDate(rs.getDate(4)), rs.getInt(5), rs.getLong(6)))
                .single();
        return new Locked(user, before);
    }

    /**
     * Recomputes the streak from the user's entries as they stand now in this transaction (flush first) and, if it
     * changed, stores it and appends {@link WritingStreakUpdated} to the outbox.
     *
     * @param zone the user's time zone: it decides which day is today
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public WritingStreak refresh(Locked locked, ZoneId zone) {
        var days = jdbc.sql(ENTRY_DAYS).param("user", locked.user())
                .query((rs, n) -> new WritingStreak.Day(rs.getDate(1).toLocalDate(), rs.getInt(2)))
                .list();
        WritingStreak now = WritingStreak.of(days, LocalDate.now(clock.withZone(zone)));
        if (now.equals(locked.before())) {
            return now;
        }
        jdbc.sql(UPDATE)
                .param("user", locked.user())
                .param("current", now.current())
                .param("longest", now.longest())
                .param("start", sqlDate(now.start()))
                .param("last", sqlDate(now.lastEntryDate()))
                .param("entries", now.totalEntries())
                .param("words", Math.toIntExact(now.totalWords()))
                .update();
        outbox.append(EventEnvelope.of(new WritingStreakUpdated(locked.user(), now.current(), now.longest(),
                now.start(), now.lastEntryDate(), now.totalEntries(), now.totalWords(), clock.instant()),
                correlationId()));
        return now;
    }

    /** The user's lock, held until the transaction ends, with the streak as it was when taken. */
    public record Locked(UUID user, WritingStreak before) {
    }

    private static String correlationId() {
        String current = Correlation.current();
        return current != null ? current : Correlation.newId();
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
