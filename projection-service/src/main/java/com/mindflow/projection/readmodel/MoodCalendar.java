package com.mindflow.projection.readmodel;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/**
 * {@code mood_calendar_cache}: one row per user and month, recomputed from {@code journals_view} in the transaction
 * that changed an entry of that month, so it can never drift from the entries (a replay recomputes the same row).
 */
@Component
class MoodCalendar {

    /** Every day of the month, with the mood of that day's entry (the newest, should there be two). */
    private static final String RECOMPUTE = """
            WITH month AS (SELECT make_date(:year, :month, 1) AS first_day),
                 days AS (SELECT d::date AS day
                            FROM month, generate_series(first_day, first_day + INTERVAL '1 month' - INTERVAL '1 day',
                                                        INTERVAL '1 day') AS d),
                 entries AS (SELECT DISTINCT ON (date) date, mood
                               FROM journals_view, month
                              WHERE user_id = :userId AND date >= first_day
                                AND date < first_day + INTERVAL '1 month'
                              ORDER BY date, updated_at DESC)
            INSERT INTO mood_calendar_cache (user_id, year, month, calendar_data, entry_count, computed_at)
            SELECT :userId, :year, :month,
                   jsonb_agg(jsonb_build_object('date', to_char(days.day, 'YYYY-MM-DD'), 'mood', entries.mood,
                                                'hasEntry', entries.date IS NOT NULL) ORDER BY days.day),
                   (SELECT COUNT(*) FROM journals_view, month
                     WHERE user_id = :userId AND date >= first_day AND date < first_day + INTERVAL '1 month'),
                   NOW()
              FROM days LEFT JOIN entries ON entries.date = days.day
            ON CONFLICT (user_id, year, month) DO UPDATE SET
                calendar_data = EXCLUDED.calendar_data, entry_count = EXCLUDED.entry_count,
                computed_at = EXCLUDED.computed_at
            """;

    private final JdbcClient jdbc;

    MoodCalendar(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recompute(UUID userId, LocalDate anyDayOfMonth) {
        int year = anyDayOfMonth.getYear();
        // The table's check_year (the seed's 2020..2100): months outside it are not cached (DESIGN-NOTES.md).
        if (year < 2020 || year > 2100) {
            return;
        }
        jdbc.sql(RECOMPUTE)
                .param("userId", userId).param("year", year).param("month", anyDayOfMonth.getMonthValue())
                .update();
    }

    /** Recomputes every month the table holds for {@code userId} (after a rebuild removed some of their entries). */
    void recomputeAll(UUID userId) {
        jdbc.sql("SELECT make_date(year, month, 1) FROM mood_calendar_cache WHERE user_id = :userId")
                .param("userId", userId).query(LocalDate.class).list()
                .forEach(month -> recompute(userId, month));
    }

    void removeUser(UUID userId) {
        jdbc.sql("DELETE FROM mood_calendar_cache WHERE user_id = :userId").param("userId", userId).update();
    }
}
