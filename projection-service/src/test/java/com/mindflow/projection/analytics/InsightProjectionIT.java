package com.mindflow.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.ai.InsightType;
import com.mindflow.events.ai.InsightWithdrawn;
import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AI's insights in {@code journal_insights}: every column as query-service reads it, a regeneration replaces the
 * row, an older generation arriving late and a redelivery change nothing, withdrawals (one insight, or all of a user's
 * in private mode) delete. And {@code insight_viewed} activities from the request log, once per request.
 */
class InsightProjectionIT extends ProjectionTest {

    private static final OpsCodec OPS = new OpsCodec();

    private final Events events = new Events();
    private final LocalDate monday = LocalDate.of(2026, 3, 9);
    private final Instant generated = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    private JsonMapper json;

    @Test
    void anInsightLandsWithEveryColumn() {
        UUID insight = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        publish(Events.envelope(new InsightGenerated(insight, events.userId(), InsightType.WEEKLY, monday,
                monday.plusDays(6), generated, "A calm week. Work weighed on you.", 7, 1400, 200, DayOfWeek.MONDAY, 5,
                57.142857, 28.57, 14.29, Mood.HAPPY,
                List.of(new InsightTheme("work", 4, Sentiment.MIXED, List.of("deadline", "team"), List.of(first, second)),
                        new InsightTheme("family", 2, Sentiment.POSITIVE, List.of("dinner"), List.of(second))),
                List.of("Completed 7 days"), List.of("Try morning journaling"),
                List.of(new InsightGenerated.SourcedSentence("A calm week.", List.of(first, second)),
                        new InsightGenerated.SourcedSentence("Work weighed on you.", List.of(second))))));
        eventually().until(() -> rows(insight) == 1);

        Map<String, Object> row = analytics.sql("""
                SELECT user_id, insight_type, start_date, end_date, generated_at, summary, entries_analyzed,
                       total_words, average_words, most_productive_day, longest_streak, mood_positive_pct,
                       mood_neutral_pct, mood_negative_pct, dominant_mood, themes::text AS themes,
                       milestones::text AS milestones, suggestions::text AS suggestions,
                       summary_sentences::text AS summary_sentences
                  FROM journal_insights WHERE id = :id
                """).param("id", insight).query().singleRow();
        assertThat(row).containsEntry("user_id", events.userId()).containsEntry("insight_type", "weekly")
                .containsEntry("summary", "A calm week. Work weighed on you.").containsEntry("entries_analyzed", 7)
                .containsEntry("total_words", 1400).containsEntry("average_words", 200)
                .containsEntry("most_productive_day", "Monday").containsEntry("longest_streak", 5)
                .containsEntry("dominant_mood", "happy");
        assertThat(row.get("start_date").toString()).isEqualTo("2026-03-09");
        assertThat(row.get("end_date").toString()).isEqualTo("2026-03-15");
        assertThat(((Timestamp) row.get("generated_at")).toInstant()).isEqualTo(generated);
        assertThat((BigDecimal) row.get("mood_positive_pct")).isEqualByComparingTo("57.14");
        assertThat((BigDecimal) row.get("mood_neutral_pct")).isEqualByComparingTo("28.57");
        assertThat((BigDecimal) row.get("mood_negative_pct")).isEqualByComparingTo("14.29");
        assertThat(jsonList(row.get("themes"))).containsExactly(
                Map.of("name", "work", "frequency", 4, "sentiment", "mixed", "relatedWords", List.of("deadline", "team"),
                        "entryIds", List.of(first.toString(), second.toString())),
                Map.of("name", "family", "frequency", 2, "sentiment", "positive", "relatedWords", List.of("dinner"),
                        "entryIds", List.of(second.toString())));
        assertThat(jsonList(row.get("milestones"))).containsExactly("Completed 7 days");
        assertThat(jsonList(row.get("suggestions"))).containsExactly("Try morning journaling");
        assertThat(jsonList(row.get("summary_sentences"))).containsExactly(
                Map.of("text", "A calm week.", "entryIds", List.of(first.toString(), second.toString())),
                Map.of("text", "Work weighed on you.", "entryIds", List.of(second.toString())));
    }

    @Test
    void anInsightWithoutEntriesLeavesTheOptionalColumnsEmpty() {
        UUID insight = UUID.randomUUID();
        publish(Events.envelope(new InsightGenerated(insight, events.userId(), InsightType.CUSTOM, monday, monday,
                generated, "Nothing to summarise.", 0, 0, 0, null, null, null, null, null, null, null, null, null,
                null)));
        eventually().until(() -> rows(insight) == 1);
        Map<String, Object> row = analytics.sql("""
                SELECT most_productive_day, longest_streak, mood_positive_pct, dominant_mood, themes::text AS themes,
                       summary_sentences::text AS summary_sentences
                  FROM journal_insights WHERE id = :id
                """).param("id", insight).query().singleRow();
        assertThat(row).containsEntry("most_productive_day", null).containsEntry("longest_streak", null)
                .containsEntry("mood_positive_pct", null).containsEntry("dominant_mood", null);
        assertThat(jsonList(row.get("themes"))).isEmpty();
        assertThat(jsonList(row.get("summary_sentences"))).isEmpty();
    }

    @Test
    void aRegenerationReplacesTheInsightAndAnOlderOneArrivingLaterIsIgnored() {
        UUID insight = UUID.randomUUID();
        publish(Events.envelope(generated(insight, generated, "first")));
        eventually().until(() -> rows(insight) == 1);

        publish(Events.envelope(generated(insight, generated.plusSeconds(60), "regenerated")),
                Events.envelope(generated(insight, generated.minusSeconds(60), "stale")));
        UUID marker = UUID.randomUUID();
        publish(Events.envelope(generated(marker, generated, "marker")));
        eventually().until(() -> rows(marker) == 1);

        assertThat(analytics.sql("SELECT summary, generated_at FROM journal_insights WHERE id = :id")
                .param("id", insight).query().listOfRows()).singleElement().satisfies(row -> {
                    assertThat(row.get("summary")).isEqualTo("regenerated");
                    assertThat(((Timestamp) row.get("generated_at")).toInstant()).isEqualTo(generated.plusSeconds(60));
                });
    }

    @Test
    void aWithdrawnInsightIsDeletedAndItsRedeliveredGenerationDoesNotBringItBack() {
        UUID insight = UUID.randomUUID();
        EventEnvelope<InsightGenerated> generation = Events.envelope(generated(insight, generated, "gone soon"));
        publish(generation, generation);
        eventually().until(() -> rows(insight) == 1);

        publish(Events.envelope(new InsightWithdrawn(insight, events.userId(), Instant.now())));
        eventually().until(() -> rows(insight) == 0);

        // The same event again (a redelivery): already applied, so nothing comes back.
        publish(generation);
        UUID marker = UUID.randomUUID();
        publish(Events.envelope(generated(marker, generated, "marker")));
        eventually().until(() -> rows(marker) == 1);
        assertThat(rows(insight)).isZero();
    }

    @Test
    void privateModeDeletesEveryInsightOfTheUserButNoOneElses() {
        Events other = new Events();
        UUID weekly = UUID.randomUUID();
        UUID monthly = UUID.randomUUID();
        UUID othersInsight = UUID.randomUUID();
        publish(Events.envelope(generated(weekly, generated, "weekly")),
                Events.envelope(generated(monthly, generated.minusSeconds(3600), "monthly")),
                Events.envelope(new InsightGenerated(othersInsight, other.userId(), InsightType.WEEKLY, monday,
                        monday.plusDays(6), generated, "someone else's", 1, 10, 10, DayOfWeek.FRIDAY, 1, null, null,
                        null, null, List.of(), List.of(), List.of(), List.of())));
        eventually().until(() -> rows(weekly) == 1 && rows(monthly) == 1 && rows(othersInsight) == 1);

        publish(Events.envelope(new UserAnalysesWithdrawn(events.userId(), Instant.now())));
        eventually().until(() -> analytics.sql("SELECT count(*) FROM journal_insights WHERE user_id = :u")
                .param("u", events.userId()).query(Integer.class).single() == 0);
        assertThat(rows(othersInsight)).isEqualTo(1);
    }

    @Test
    void aReadOfOneInsightIsOneViewHoweverOftenItsRecordArrives() {
        UUID insight = UUID.randomUUID();
        String key = events.userId().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // A request id that is no UUID: counted by a UUID derived from it.
        ApiRequestRecord read = request("gw-" + UUID.randomUUID(), at, "GET", "/api/insights/" + insight, 200,
                events.userId());
        publishRaw(Topics.API_REQUESTS, key, OPS.write(read));
        publishRaw(Topics.API_REQUESTS, key, OPS.write(read));
        for (ApiRequestRecord notAView : List.of(
                request(UUID.randomUUID().toString(), at, "GET", "/api/insights/" + insight, 404, events.userId()),
                request(UUID.randomUUID().toString(), at, "GET", "/api/insights/" + insight + "/feedback", 200,
                        events.userId()),
                request(UUID.randomUUID().toString(), at, "POST", "/api/insights/" + insight, 200, events.userId()),
                request(UUID.randomUUID().toString(), at, "GET", "/api/insights", 200, events.userId()),
                request(UUID.randomUUID().toString(), at, "GET", "/api/insights/" + insight, 200, null))) {
            publishRaw(Topics.API_REQUESTS, key, OPS.write(notAView));
        }
        UUID marker = UUID.randomUUID();
        ApiRequestRecord markerRead = request(UUID.randomUUID().toString(), at, "GET", "/api/insights/" + marker, 200,
                events.userId());
        publishRaw(Topics.API_REQUESTS, key, OPS.write(markerRead));
        publishRaw(Topics.API_REQUESTS, key, OPS.write(markerRead));
        eventually().until(() -> views(marker).size() == 1);

        assertThat(views(insight)).singleElement().satisfies(view -> {
            assertThat(((Timestamp) view.get("time")).toInstant()).isEqualTo(at);
            assertThat(view.get("user_id")).isEqualTo(events.userId());
            assertThat(jsonMap(view.get("metadata")))
                    .isEqualTo(Map.of("insightId", insight.toString(), "requestId", read.requestId()));
        });
        assertThat(views(marker)).hasSize(1);
        assertThat(analytics.sql("SELECT count(*) FROM user_activity_events WHERE user_id = :u")
                .param("u", events.userId()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void anErasedUsersReadsAreNotCounted() {
        publish(Events.envelope(new UserDeleted(events.userId(), Instant.now())));
        eventually().until(() -> read.sql("SELECT count(*) FROM erased_users WHERE user_id = :id")
                .param("id", events.userId()).query(Integer.class).single() == 1);
        UUID insight = UUID.randomUUID();
        String key = events.userId().toString();
        publishRaw(Topics.API_REQUESTS, key, OPS.write(request(UUID.randomUUID().toString(), Instant.now(), "GET",
                "/api/insights/" + insight, 200, events.userId())));
        UUID marker = UUID.randomUUID();
        publishRaw(Topics.API_REQUESTS, key, OPS.write(request(UUID.randomUUID().toString(), Instant.now(), "GET",
                "/api/insights/" + marker, 200, UUID.randomUUID())));
        eventually().until(() -> views(marker).size() == 1);
        assertThat(views(insight)).isEmpty();
    }

    private InsightGenerated generated(UUID insight, Instant at, String summary) {
        return new InsightGenerated(insight, events.userId(), InsightType.WEEKLY, monday, monday.plusDays(6), at,
                summary, 3, 300, 100, DayOfWeek.SATURDAY, 3, 100.0, 0.0, 0.0, Mood.ECSTATIC, List.of(), List.of(),
                List.of(), List.of(new InsightGenerated.SourcedSentence(summary, List.of())));
    }

    private static ApiRequestRecord request(String requestId, Instant at, String method, String path, int status,
            UUID user) {
        return new ApiRequestRecord(requestId, "it-" + UUID.randomUUID(), at, "api-gateway", method, path,
                path.startsWith("/api/insights/") ? "/api/insights/{id}" : path, Map.of(), Map.of("user-agent", "it"),
                status, 4, 512L, user, "192.0.2.1", null);
    }

    private int rows(UUID insight) {
        return analytics.sql("SELECT count(*) FROM journal_insights WHERE id = :id").param("id", insight)
                .query(Integer.class).single();
    }

    private List<Map<String, Object>> views(UUID insight) {
        return analytics.sql("""
                SELECT time, user_id, metadata::text AS metadata FROM user_activity_events
                 WHERE event_type = 'insight_viewed' AND metadata->>'insightId' = :id
                """).param("id", insight.toString()).query().listOfRows();
    }

    private List<Object> jsonList(Object stored) {
        return json.readValue((String) stored, new TypeReference<List<Object>>() {
        });
    }

    private Map<String, Object> jsonMap(Object stored) {
        return json.readValue((String) stored, new TypeReference<Map<String, Object>>() {
        });
    }
}
