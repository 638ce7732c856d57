package com.mindflow.query.mood;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.mindflow.query.support.QueryServiceIT;
import com.mindflow.support.readside.ReadCacheKeys;

import tools.jackson.databind.JsonNode;

/** The mood calendar (precomputed or computed) and the cached trend. */
class MoodIT extends QueryServiceIT {

    @Test
    void theCalendarIsComputedFromEntriesWhenProjectionHasNoRowForTheMonth() {
        var alice = newUser();
        var mallory = newUser();
        seed(SeededEntry.of(alice.id(), LocalDate.of(2024, 2, 3), "One", "happy"));
        seed(SeededEntry.of(alice.id(), LocalDate.of(2024, 2, 29), "Leap", "sad"));
        seed(SeededEntry.of(alice.id(), LocalDate.of(2024, 3, 1), "Next month", "angry"));

        JsonNode calendar = json(get("/api/moods/calendar?year=2024&month=2", alice));

        assertThat(calendar.path("entryCount").asInt()).isEqualTo(2);
        assertThat(calendar.path("days")).hasSize(29);
        assertThat(calendar.path("days").get(2).path("date").asString()).isEqualTo("2024-02-03");
        assertThat(calendar.path("days").get(2).path("mood").asString()).isEqualTo("happy");
        assertThat(calendar.path("days").get(2).path("hasEntry").asBoolean()).isTrue();
        assertThat(calendar.path("days").get(0).path("hasEntry").asBoolean()).isFalse();
        assertThat(calendar.path("days").get(28).path("mood").asString()).isEqualTo("sad");

        JsonNode others = json(get("/api/moods/calendar?year=2024&month=2", mallory));
        assertThat(others.path("entryCount").asInt()).isZero();
        assertThat(others.path("days").valueStream().noneMatch(d -> d.path("hasEntry").asBoolean())).isTrue();
    }

    @Test
    void thePrecomputedCalendarRowWinsWhenPresent() {
        var alice = newUser();
        readDb.sql("""
                INSERT INTO mood_calendar_cache (user_id, year, month, calendar_data, entry_count)
                VALUES (:user, 2025, 10, CAST(:data AS jsonb), 1)""")
                .param("user", alice.id())
                .param("data", "[{\"date\":\"2025-10-01\",\"mood\":\"ecstatic\",\"hasEntry\":true}]")
                .update();
        JsonNode calendar = json(get("/api/moods/calendar?year=2025&month=10", alice));
        assertThat(calendar.path("entryCount").asInt()).isEqualTo(1);
        assertThat(calendar.path("days").get(0).path("mood").asString()).isEqualTo("ecstatic");
    }

    @Test
    void theTrendSplitsMoodsAndIsCachedUnderTheSeedsKey() {
        var alice = newUser();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        seed(SeededEntry.of(alice.id(), today, "a", "happy"));
        seed(SeededEntry.of(alice.id(), today.minusDays(1), "b", "ecstatic"));
        seed(SeededEntry.of(alice.id(), today.minusDays(2), "c", "neutral"));
        seed(SeededEntry.of(alice.id(), today.minusDays(3), "d", "anxious"));
        seed(SeededEntry.of(alice.id(), today.minusDays(10), "outside a week", "sad"));

        JsonNode week = json(get("/api/moods/trend?days=7", alice));
        assertThat(week.path("days").asInt()).isEqualTo(7);
        assertThat(week.path("positive").asInt()).isEqualTo(50);
        assertThat(week.path("neutral").asInt()).isEqualTo(25);
        assertThat(week.path("negative").asInt()).isEqualTo(25);
        assertThat(week.path("total").asInt()).isEqualTo(4);
        String key = ReadCacheKeys.moodTrend(alice.id(), 7);
        assertThat(redis.getExpire(key)).isBetween(1L, ReadCacheKeys.TREND_TTL.toSeconds());

        // Cached: a new entry shows only once projection deletes the key.
        seed(SeededEntry.of(alice.id(), today.minusDays(4), "e", "angry"));
        assertThat(json(get("/api/moods/trend?days=7", alice)).path("total").asInt()).isEqualTo(4);
        redis.delete(key);
        assertThat(json(get("/api/moods/trend?days=7", alice)).path("total").asInt()).isEqualTo(5);
        assertThat(json(get("/api/moods/trend?days=30", alice)).path("total").asInt()).isEqualTo(6);
        assertThat(json(get("/api/moods/trend?days=30", newUser())).path("total").asInt()).isZero();
    }

    @Test
    void theTrendWindowIsTheUsersOwnDays() {
        var alice = newUser();
        // A zone whose date differs from UTC's right now: behind it in the UTC morning, ahead in the afternoon.
        ZoneId zone = ZoneId.of(LocalTime.now(ZoneOffset.UTC).getHour() < 12 ? "Etc/GMT+12"
                : "Pacific/Kiritimati");
        LocalDate localToday = LocalDate.now(zone);
        readDb.sql("""
                INSERT INTO user_profile_view (id, email, display_name, timezone, created_at, settings, gdpr_consent)
                VALUES (:id, :email, 'Alice', :zone, now(), '{}', '{}')""")
                .param("id", alice.id()).param("email", alice.id() + "@example.com").param("zone", zone.getId())
                .update();
        seed(SeededEntry.of(alice.id(), localToday, "today where Alice lives", "happy"));
        seed(SeededEntry.of(alice.id(), localToday.minusDays(6), "six days ago there", "sad"));
        seed(SeededEntry.of(alice.id(), localToday.minusDays(7), "a week ago there", "sad"));

        JsonNode week = json(get("/api/moods/trend?days=7", alice));

        assertThat(week.path("total").asInt()).isEqualTo(2);
        assertThat(week.path("positive").asInt()).isEqualTo(50);
    }

    @Test
    void badMoodParametersAreProblemsNamingTheField() {
        var alice = newUser();
        assertThat(problemFields(get("/api/moods/calendar?year=2019&month=1", alice))).containsExactly("year");
        assertThat(problemFields(get("/api/moods/calendar?year=2101&month=1", alice))).containsExactly("year");
        assertThat(problemFields(get("/api/moods/calendar?year=2025&month=13", alice))).containsExactly("month");
        assertThat(problemFields(get("/api/moods/calendar?year=2025&month=0", alice))).containsExactly("month");
        assertThat(problemFields(get("/api/moods/calendar?year=2025", alice))).containsExactly("month");
        assertThat(problemFields(get("/api/moods/calendar?year=abc&month=1", alice))).containsExactly("year");
        assertThat(problemFields(get("/api/moods/trend?days=8", alice))).containsExactly("days");
        assertThat(problemFields(get("/api/moods/trend?days=x", alice))).containsExactly("days");
        assertThat(get("/api/moods/calendar?year=2025&month=1", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/moods/trend?days=7", null).statusCode()).isEqualTo(401);
    }
}
