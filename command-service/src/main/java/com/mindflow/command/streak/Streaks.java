package com.mindflow.command.streak;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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
 *
 * <p>The new streak is derived from the stored row and the write's change, reading only a few days around today and
 * around the changed days ({@link WritingStreak#next}); only when those do not decide it (a removed day inside a
 * run as long as the longest, a run reaching beyond the days read, a row that does not fit them, or a row just
 * created) are all of the user's days read ({@link WritingStreak#of}).
 */
@Component
public class Streaks {

    private static final String LOCK = """
            SELECT current_streak, longest_streak, streak_start_date, last_entry_date, total_entries, total_words
              FROM user_streaks WHERE user_id = :user FOR UPDATE
            """;
    private static final String CREATE = """
            INSERT INTO user_streaks (user_id) VALUES (:user) ON CONFLICT (user_id) DO NOTHING
            """;
    // Each part is one range scan of idx_entries_user_date (user_id, date DESC) WHERE deleted_at IS NULL; kind 1 is
    // the latest day, the first entry of the same index.
    private static final String WINDOW = """
            SELECT 0 AS kind, date FROM journal_entries
             WHERE user_id = :user AND deleted_at IS NULL AND date BETWEEN :from0 AND :to0
            UNION ALL
            SELECT 0, date FROM journal_entries
             WHERE user_id = :user AND deleted_at IS NULL AND date BETWEEN :from1 AND :to1
            UNION ALL
            SELECT 0, date FROM journal_entries
             WHERE user_id = :user AND deleted_at IS NULL AND date BETWEEN :from2 AND :to2
            UNION ALL
            SELECT 1, max(date) FROM journal_entries WHERE user_id = :user AND deleted_at IS NULL
            """;
    private static final String ALL_DAYS = """
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

    /** Takes the user's write lock; the answer is the streak as it stood, for {@link #record}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Locked lock(UUID user) {
        Optional<WritingStreak> before = locked(user);
        if (before.isPresent()) {
            return new Locked(user, before.get(), false);
        }
        // Only a row that exists can be locked; the insert makes sure it does without a race between two writers.
        jdbc.sql(CREATE).param("user", user).update();
        return new Locked(user, locked(user).orElseThrow(), true);
    }

    private Optional<WritingStreak> locked(UUID user) {
        return jdbc.sql(LOCK).param("user", user)
                .query((rs, n) -> new WritingStreak(rs.getInt(1), rs.getInt(2), localDate(rs.getDate(3)),
                        localDate(rs.getDate(4)), rs.getInt(5), rs.getLong(6)))
                .optional();
    }

    /**
     * The streak after {@code change}, which this transaction has written already; if it differs from the stored
     * one, stores it and appends {@link WritingStreakUpdated} to the outbox.
     *
     * @param zone the user's time zone: it decides which day is today
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public WritingStreak record(Locked locked, StreakChange change, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        // A row just created says nothing yet about entries the user may already have.
        WritingStreak now = (locked.created() ? Optional.<WritingStreak>empty()
                : WritingStreak.next(locked.before(), change, window(locked.user(), change, today), today))
                .orElseGet(() -> fromAllDays(locked.user(), today));
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

    private StreakWindow window(UUID user, StreakChange change, LocalDate today) {
        List<StreakWindow.Range> ranges = StreakWindow.toRead(change, today);
        var statement = jdbc.sql(WINDOW).param("user", user);
        for (int i = 0; i < 3; i++) {
            // Unused parts read an empty range.
            StreakWindow.Range range = i < ranges.size() ? ranges.get(i)
                    : new StreakWindow.Range(StreakWindow.END, StreakWindow.END.minusDays(1));
            statement = statement.param("from" + i, Date.valueOf(range.from())).param("to" + i,
                    Date.valueOf(range.to()));
        }
        TreeSet<LocalDate> days = new TreeSet<>();
        LocalDate[] last = new LocalDate[1];
        statement.query(rs -> {
            LocalDate day = localDate(rs.getDate(2));
            if (rs.getInt(1) == 0) {
                days.add(day);
            }
            else {
                last[0] = day; // max(): exactly one row, null without entries
            }
        });
        return new StreakWindow(ranges, days, last[0]);
    }

    private WritingStreak fromAllDays(UUID user, LocalDate today) {
        var days = jdbc.sql(ALL_DAYS).param("user", user)
                .query((rs, n) -> new WritingStreak.Day(rs.getDate(1).toLocalDate(), rs.getInt(2)))
                .list();
        return WritingStreak.of(days, today);
    }

    /**
     * The user's lock, held until the transaction ends, with the streak as it was when taken.
     *
     * @param created the row did not exist before this write
     */
    /** GDPR erasure of the user's streak row. */
    public void erase(UUID user) {
        jdbc.sql("DELETE FROM user_streaks WHERE user_id = :user").param("user", user).update();
    }

    public record Locked(UUID user, WritingStreak before, boolean created) {
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
