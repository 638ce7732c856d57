package com.mindflow.query.mood;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Moods from the read database: the precomputed calendar when projection has it, journals_view otherwise. */
@Component
class MoodReadModels {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MoodReadModels(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<MoodCalendarView> cachedCalendar(UUID userId, YearMonth month) {
        return jdbc.sql("""
                SELECT calendar_data::text AS days, entry_count FROM mood_calendar_cache
                WHERE user_id = :userId AND year = :year AND month = :month""")
                .param("userId", userId).param("year", month.getYear()).param("month", month.getMonthValue())
                .query((rs, row) -> new MoodCalendarView(month.getYear(), month.getMonthValue(),
                        rs.getInt("entry_count"), json.readValue(rs.getString("days"),
                                new TypeReference<List<CalendarDay>>() {
                                })))
                .optional();
    }

    /** The same shape computed from the entries themselves (at most one entry per user and day). */
    MoodCalendarView computedCalendar(UUID userId, YearMonth month) {
        Map<LocalDate, String> moods = new HashMap<>();
        jdbc.sql("""
                SELECT date, mood FROM journals_view
                WHERE user_id = :userId AND date >= :first AND date <= :last""")
                .param("userId", userId).param("first", month.atDay(1)).param("last", month.atEndOfMonth())
                .query((rs, row) -> {
                    moods.put(rs.getObject("date", LocalDate.class), rs.getString("mood"));
                    return null;
                })
                .list();
        List<CalendarDay> days = new ArrayList<>(month.lengthOfMonth());
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            LocalDate date = month.atDay(day);
            days.add(new CalendarDay(date, moods.get(date), moods.containsKey(date)));
        }
        return new MoodCalendarView(month.getYear(), month.getMonthValue(), moods.size(), days);
    }

    /** The user's time zone from their profile: entry dates are local dates, so "the last 7 days" are too. */
    ZoneId zone(UUID userId) {
        return jdbc.sql("SELECT timezone FROM user_profile_view WHERE id = :userId")
                .param("userId", userId)
                .query(String.class)
                .optional()
                .flatMap(MoodReadModels::zoneOf)
                .orElse(ZoneOffset.UTC);
    }

    private static Optional<ZoneId> zoneOf(String name) {
        try {
            return name == null || name.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(name));
        }
        catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Entries with a mood per mood, dated within [since, until]. */
    Map<String, Integer> moodCounts(UUID userId, LocalDate since, LocalDate until) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("""
                SELECT mood, count(*) AS entries FROM journals_view
                WHERE user_id = :userId AND mood IS NOT NULL AND date >= :since AND date <= :until
                GROUP BY mood""")
                .param("userId", userId).param("since", since).param("until", until)
                .query((rs, row) -> counts.put(rs.getString("mood"), rs.getInt("entries")))
                .list();
        return counts;
    }
}
