package com.mindflow.ai.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.ai.insight.application.InsightSchedule;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.ai.InsightType;
import com.mindflow.events.ai.InsightWithdrawn;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.user.UserDeleted;

/**
 * Insights end to end inside the service: entries in through Kafka, analysed into findings, insights made from
 * those alone and published; the HTTP API for custom insights, forgetting and theme feedback. The marker word of a
 * private entry must never reach an insight. The language model of this context answers 500 throughout
 * ({@link InsightIT}): every summary here is the composed one, its fallback.
 */
class InsightsIT extends InsightIT {

    private static final String MARKER = "zebrafinch";

    @Autowired
    InsightSchedule schedule;

    @Test
    void aCustomInsightIsMadeFromTheUsersPublicEntriesOnlyAndNamesItsSources() throws Exception {
        UUID user = register("en");
        LocalDate monday = LocalDate.now(ZoneOffset.UTC).minusWeeks(3).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        UUID run1 = write(user, monday, "A long run by the river and coffee with Ana, a wonderful morning.", Mood.HAPPY,
                List.of("run"), false);
        UUID run2 = write(user, monday.plusDays(1), "Another run by the river, happy and tired, a great day.",
                Mood.ECSTATIC, List.of("run"), false);
        UUID work = write(user, monday.plusDays(2), "Stressful deadline at work, tired and worried about the project.",
                Mood.ANXIOUS, List.of("work"), false);
        UUID secret = write(user, monday.plusDays(3), "My " + MARKER + " secret, a private and happy thought.",
                Mood.HAPPY, List.of(MARKER), true);
        UUID last = write(user, monday.plusDays(4), "Quiet evening with tea and a book.", Mood.NEUTRAL, List.of(), false);
        awaitFacts(user, 4);

        HttpResponse<String> accepted = post("/api/insights", user,
                Map.of("startDate", monday.toString(), "endDate", monday.plusDays(6).toString()));
        assertThat(accepted.statusCode()).isEqualTo(202);
        UUID id = UUID.fromString(JSON.readTree(accepted.body()).get("id").asString());
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/insights/" + id);

        InsightGenerated insight = awaitInsight(id);
        assertThat(insight.insightType()).isEqualTo(InsightType.CUSTOM);
        assertThat(insight.entriesAnalyzed()).isEqualTo(4);
        assertThat(insight.longestStreak()).isEqualTo(3);
        assertThat(insight.dominantMood()).isNotNull();
        assertThat(insight.moodPositivePct() + insight.moodNeutralPct() + insight.moodNegativePct())
                .isBetween(99.9, 100.1);
        assertThat(insight.summarySentences()).hasSizeBetween(2, 4);
        assertThat(insight.summarySentences()).allSatisfy(s -> assertThat(s.entryIds()).isNotEmpty()
                .doesNotContain(secret).isSubsetOf(run1, run2, work, last));
        assertThat(insight.themes()).extracting(InsightTheme::name).contains("run");
        assertThat(insight.themes()).filteredOn(t -> t.name().equals("run")).singleElement()
                .satisfies(t -> assertThat(t.entryIds()).containsExactly(run1, run2));
        assertThat(JSON.writeValueAsString(insight)).doesNotContain(MARKER);
        assertThat(redis.opsForValue().get("ai:insight:" + id)).startsWith(user + "|");

        // Made private after the fact: the insight is made again without it.
        publish(EventEnvelope.of(new JournalEntryUpdated(run2, user, monday.plusDays(1), "Run", "Now private.",
                Mood.ECSTATIC, List.of("run"), null, null, 2, 10, true, 2, Instant.now(), Instant.now()), "test"));
        eventually().until(() -> insights(id).size() >= 2 && insights(id).getLast().entriesAnalyzed() == 3);
        InsightGenerated again = insights(id).getLast();
        assertThat(JSON.writeValueAsString(again)).doesNotContain(run2.toString());
    }

    @Test
    void rejectsABadPeriodNamingTheFieldAndLimitsPendingInsights() throws Exception {
        UUID user = register("en");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertField(post("/api/insights", user, Map.of("startDate", today.toString(),
                "endDate", today.minusDays(1).toString())), "endDate");
        assertField(post("/api/insights", user, Map.of("startDate", today.minusYears(2).toString(),
                "endDate", today.toString())), "endDate");
        assertField(post("/api/insights", user, Map.of("endDate", today.toString())), "startDate");
        assertField(post("/api/insights", user, Map.of("startDate", "yesterday", "endDate", today.toString())),
                "startDate");

        for (int i = 0; i < 5; i++) {
            jdbc.sql("""
                    INSERT INTO ai_insights (insight_id, user_id, insight_type, start_date, end_date, status,
                                             requested_at, claimed_at)
                    VALUES (:id, :user, 'custom', :day, :day, 'processing', now(), now())
                    """).param("id", UUID.randomUUID()).param("user", user).param("day", Date.valueOf(today))
                    .update();
        }
        HttpResponse<String> refused = post("/api/insights", user,
                Map.of("startDate", today.minusDays(7).toString(), "endDate", today.toString()));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void onlyTheOwnerCanForgetAnInsightOrGiveFeedbackAndAForgottenOneIsWithdrawn() throws Exception {
        UUID owner = register("en");
        UUID other = register("en");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        write(owner, day, "Gardening with tomatoes and basil in the sun.", Mood.HAPPY, List.of("garden"), false);
        write(owner, day.plusDays(1), "More gardening, the tomatoes are red.", Mood.HAPPY, List.of("garden"), false);
        awaitFacts(owner, 2);
        UUID id = idOf(post("/api/insights", owner, Map.of("startDate", day.toString(),
                "endDate", day.plusDays(1).toString())));
        InsightGenerated first = awaitInsight(id);
        assertThat(first.themes()).extracting(InsightTheme::name).contains("garden");

        assertThat(delete("/api/insights/" + id, other).statusCode()).isEqualTo(404);
        assertThat(post("/api/insights/" + id + "/feedback", other, Map.of("theme", "garden")).statusCode())
                .isEqualTo(404);
        assertThat(delete("/api/insights/" + id, null).statusCode()).isEqualTo(401);
        assertThat(post("/api/insights", null, Map.of()).statusCode()).isEqualTo(401);
        assertField(post("/api/insights/" + id + "/feedback", owner, Map.of("theme", " ")), "theme");

        assertThat(post("/api/insights/" + id + "/feedback", owner, Map.of("theme", "Garden")).statusCode())
                .isEqualTo(202);
        eventually().until(() -> insights(id).size() >= 2);
        assertThat(insights(id).getLast().themes()).extracting(InsightTheme::name).doesNotContain("garden");

        assertThat(delete("/api/insights/" + id, owner).statusCode()).isEqualTo(204);
        eventually().until(() -> outFor(owner).stream().anyMatch(e -> e.payload() instanceof InsightWithdrawn w
                && w.insightId().equals(id)));
        assertThat(delete("/api/insights/" + id, owner).statusCode()).isEqualTo(404);
        assertThat(redis.hasKey("ai:insight:" + id)).as("a forgotten insight has no status to poll").isFalse();
    }

    @Test
    void closedPeriodsAreOwedOnceEvenWhenTwoSchedulesRunAndEmptyPeriodsGetNothing() {
        UUID user = register("pt");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate lastMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
        write(user, lastMonday.plusDays(2), "Um dia feliz na praia com amigos.", Mood.HAPPY, List.of("praia"), false);
        awaitFacts(user, 1);

        // Two instances closing periods at once: the unique period index lets one of them owe each insight.
        Stream.of(1, 2).parallel().forEach(i -> schedule.closePeriods());
        eventually().until(() -> periodic(user).stream().anyMatch(i -> i.insightType() == InsightType.WEEKLY));
        assertThat(jdbc.sql("""
                SELECT insight_type, count(*) FROM ai_insights WHERE user_id = :user GROUP BY insight_type
                """).param("user", user).query((rs, n) -> rs.getLong(2)).list()).allMatch(count -> count == 1);
        InsightGenerated weekly = periodic(user).stream().filter(i -> i.insightType() == InsightType.WEEKLY)
                .findFirst().orElseThrow();
        assertThat(weekly.startDate()).isEqualTo(lastMonday);
        assertThat(weekly.endDate()).isEqualTo(lastMonday.plusDays(6));
        assertThat(weekly.summary()).startsWith("Escreveste 1 entrada");

        UUID quiet = register("en");
        schedule.closePeriods();
        assertThat(jdbc.sql("SELECT count(*) FROM ai_insights WHERE user_id = :user").param("user", quiet)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void erasureRemovesEveryFindingInsightRecordAndFeedback() throws Exception {
        UUID user = register("en");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        write(user, day, "Cooking pasta for friends.", Mood.HAPPY, List.of("cooking"), false);
        awaitFacts(user, 1);
        UUID id = idOf(post("/api/insights", user, Map.of("startDate", day.toString(), "endDate", day.toString())));
        awaitInsight(id);
        assertThat(post("/api/insights/" + id + "/feedback", user, Map.of("theme", "cooking")).statusCode())
                .isEqualTo(202);

        publish(EventEnvelope.of(new UserDeleted(user, Instant.now()), "test"));
        eventually().until(() -> Stream.of("ai_entry_facts", "ai_insights", "ai_theme_feedback")
                .allMatch(table -> jdbc.sql("SELECT count(*) FROM " + table + " WHERE user_id = :user")
                        .param("user", user).query(Integer.class).single() == 0));
    }

    private static List<InsightGenerated> periodic(UUID user) {
        return outFor(user).stream().map(EventEnvelope::payload).filter(InsightGenerated.class::isInstance)
                .map(InsightGenerated.class::cast).toList();
    }
}
