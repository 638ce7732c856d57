package com.mindflow.query.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.mindflow.query.support.QueryServiceIT;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/insights} and {@code /api/insights/{id}}: rows of the analytics database's journal_insights, seeded
 * here as projection-service writes them, and ai-processing-service's Redis status of an insight not made yet.
 */
class InsightReadIT extends QueryServiceIT {

    private static final UUID ENTRY_A = UUID.fromString("0b7e9d4c-3f2a-4e1b-8c6d-9a5f3e2d1c02");
    private static final UUID ENTRY_B = UUID.fromString("1c8f0e5d-4a3b-4f2c-9d7e-0b6a4f3e2d03");

    @Autowired
    @Qualifier(ReadAndAnalyticsDatabases.ANALYTICS)
    JdbcClient analyticsDb;

    @Test
    void aGeneratedInsightIsServedInFullAndTheSameInTheList() throws Exception {
        var ana = newUser();
        UUID id = UUID.randomUUID();
        analyticsDb.sql("""
                INSERT INTO journal_insights (id, user_id, insight_type, start_date, end_date, generated_at, summary,
                    entries_analyzed, total_words, average_words, most_productive_day, longest_streak,
                    mood_positive_pct, mood_neutral_pct, mood_negative_pct, dominant_mood, themes, milestones,
                    suggestions, summary_sentences)
                VALUES (:id, :userId, 'weekly', DATE '2025-10-20', DATE '2025-10-26', :generatedAt,
                    'A demanding week at work. Evenings of rest.', 6, 1480, 246, 'Saturday', 6, 50.00, 33.33, 16.67,
                    'happy', CAST(:themes AS jsonb), CAST(:milestones AS jsonb), CAST(:suggestions AS jsonb),
                    CAST(:sentences AS jsonb))""")
                .param("id", id).param("userId", ana.id())
                .param("generatedAt", Timestamp.from(Instant.parse("2025-10-27T06:00:00Z")))
                .param("themes", """
                        [{"name": "work", "frequency": 5, "sentiment": "mixed", "relatedWords": ["deadline", "tasks"],
                          "entryIds": ["%s", "%s"]},
                         {"name": "rest", "frequency": 3, "sentiment": "positive", "relatedWords": ["tea"],
                          "entryIds": ["%s"]}]""".formatted(ENTRY_A, ENTRY_B, ENTRY_B))
                .param("milestones", "[\"Completed 7 days in a row\"]")
                .param("suggestions", "[\"Try a gratitude note on stressful days\"]")
                .param("sentences", """
                        [{"text": "A demanding week at work.", "entryIds": ["%s"]},
                         {"text": "Evenings of rest.", "entryIds": ["%s"]}]""".formatted(ENTRY_A, ENTRY_B))
                .update();

        var response = get("/api/insights/" + id, ana);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"2025-10-27T06:00:00Z\"");
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                {"id": "%s", "type": "weekly", "startDate": "2025-10-20", "endDate": "2025-10-26",
                 "generatedAt": "2025-10-27T06:00:00Z", "status": "completed",
                 "summary": "A demanding week at work. Evenings of rest.",
                 "summarySentences": [{"text": "A demanding week at work.", "entryIds": ["%s"]},
                                      {"text": "Evenings of rest.", "entryIds": ["%s"]}],
                 "entriesAnalyzed": 6, "totalWords": 1480, "averageWords": 246, "mostProductiveDay": "Saturday",
                 "longestStreak": 6,
                 "mood": {"positivePct": 50.0, "neutralPct": 33.33, "negativePct": 16.67, "dominant": "happy"},
                 "themes": [{"name": "work", "frequency": 5, "sentiment": "mixed",
                             "relatedWords": ["deadline", "tasks"], "entryIds": ["%s", "%s"]},
                            {"name": "rest", "frequency": 3, "sentiment": "positive", "relatedWords": ["tea"],
                             "entryIds": ["%s"]}],
                 "milestones": ["Completed 7 days in a row"],
                 "suggestions": ["Try a gratitude note on stressful days"]}
                """.formatted(id, ENTRY_A, ENTRY_B, ENTRY_A, ENTRY_B, ENTRY_B)));
        // Revalidation: the same generation is not sent again.
        assertThat(get("/api/insights/" + id, ana, "If-None-Match", "\"2025-10-27T06:00:00Z\"").statusCode())
                .isEqualTo(304);

        // The gateway routes HEAD here too.
        var head = HTTP.send(HttpRequest.newBuilder(uri("/api/insights/" + id))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + ana.token()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);

        JsonNode list = json(get("/api/insights", ana));
        assertThat(list.path("items")).hasSize(1);
        assertThat(list.path("items").get(0)).isEqualTo(json(response));
    }

    @Test
    void aRowWithoutMoodsOrJsonListsReadsAsNullsAndEmptyLists() {
        var bo = newUser();
        UUID id = insight(bo.id(), "custom", "2025-11-01", "2025-11-03", "2025-11-04T08:00:00Z");
        JsonNode insight = json(get("/api/insights/" + id, bo));
        assertThat(insight.path("mood").path("positivePct").isNull()).isTrue();
        assertThat(insight.path("mood").path("dominant").isNull()).isTrue();
        assertThat(insight.path("mostProductiveDay").isNull()).isTrue();
        for (String list : List.of("summarySentences", "themes", "milestones", "suggestions")) {
            assertThat(insight.path(list).isArray()).as(list).isTrue();
            assertThat(insight.path(list).isEmpty()).as(list).isTrue();
        }
    }

    @Test
    void theListIsTheCallersOwnNewestPeriodFirstAndPaged() {
        var cy = newUser();
        var other = newUser();
        UUID september = insight(cy.id(), "monthly", "2025-09-01", "2025-09-30", "2025-10-01T06:00:00Z");
        UUID weekOld = insight(cy.id(), "weekly", "2025-10-20", "2025-10-26", "2025-10-27T06:00:00Z");
        UUID customLater = insight(cy.id(), "custom", "2025-10-20", "2025-10-22", "2025-10-28T09:00:00Z");
        UUID october = insight(cy.id(), "monthly", "2025-10-01", "2025-10-31", "2025-11-01T06:00:00Z");
        UUID year = insight(cy.id(), "yearly", "2025-01-01", "2025-12-31", "2026-01-01T06:00:00Z");
        insight(other.id(), "weekly", "2025-10-27", "2025-11-02", "2025-11-03T06:00:00Z");

        // Start date descending; the same start date, the later generation first.
        assertThat(ids(get("/api/insights", cy))).containsExactly(customLater, weekOld, october, september, year);

        JsonNode first = json(get("/api/insights?size=2", cy));
        assertThat(ids(first)).containsExactly(customLater, weekOld);
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        JsonNode last = json(get("/api/insights?page=2&size=2", cy));
        assertThat(ids(last)).containsExactly(year);
        assertThat(last.path("hasMore").asBoolean()).isFalse();
        assertThat(ids(get("/api/insights?page=3&size=2", cy))).isEmpty();

        assertThat(ids(get("/api/insights", newUser()))).isEmpty();
    }

    @Test
    void typeAndPeriodFiltersSelectInsightsWhosePeriodOverlaps() {
        var di = newUser();
        UUID september = insight(di.id(), "monthly", "2025-09-01", "2025-09-30", "2025-10-01T06:00:00Z");
        UUID week = insight(di.id(), "weekly", "2025-10-20", "2025-10-26", "2025-10-27T06:00:00Z");
        UUID october = insight(di.id(), "monthly", "2025-10-01", "2025-10-31", "2025-11-01T06:00:00Z");

        assertThat(ids(get("/api/insights?type=monthly", di))).containsExactly(october, september);
        assertThat(ids(get("/api/insights?type=yearly", di))).isEmpty();
        // Overlap, ends inclusive: the week ends on the 26th, September on the 30th.
        assertThat(ids(get("/api/insights?from=2025-10-26", di))).containsExactly(week, october);
        assertThat(ids(get("/api/insights?from=2025-10-27", di))).containsExactly(october);
        assertThat(ids(get("/api/insights?to=2025-10-01", di))).containsExactly(october, september);
        assertThat(ids(get("/api/insights?to=2025-09-30", di))).containsExactly(september);
        assertThat(ids(get("/api/insights?from=2025-10-21&to=2025-10-21", di))).containsExactly(week, october);
        assertThat(ids(get("/api/insights?type=weekly&from=2025-09-01&to=2025-12-31", di))).containsExactly(week);
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        var ed = newUser();
        assertThat(problemFields(get("/api/insights?type=daily", ed))).containsExactly("type");
        assertThat(problemFields(get("/api/insights?from=yesterday", ed))).containsExactly("from");
        assertThat(problemFields(get("/api/insights?to=2025-13-01", ed))).containsExactly("to");
        assertThat(problemFields(get("/api/insights?from=2025-10-02&to=2025-10-01", ed))).containsExactly("to");
        assertThat(problemFields(get("/api/insights?size=0", ed))).containsExactly("size");
        assertThat(problemFields(get("/api/insights?size=101", ed))).containsExactly("size");
        assertThat(problemFields(get("/api/insights?page=-1", ed))).containsExactly("page");
        var badId = get("/api/insights/not-a-uuid", ed);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(problemFields(badId)).containsExactly("id");
    }

    @Test
    void anInsightBeingMadeAnswersItsStatusFromRedisUncached() {
        var fay = newUser();
        UUID id = UUID.randomUUID();
        for (String status : List.of("pending", "processing", "failed")) {
            state(id, fay.id() + "|" + status);
            var response = get("/api/insights/" + id, fay);
            // Only a made (or given up) insight is a 200: the analytics sink counts those as viewed.
            assertThat(response.statusCode()).isEqualTo(status.equals("failed") ? 200 : 202);
            assertThat(json(response)).isEqualTo(JSON.readTree(
                    "{\"id\": \"%s\", \"status\": \"%s\"}".formatted(id, status)));
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(response.headers().firstValue("ETag")).isEmpty();
        }
        // Done in Redis, not yet in the analytics database: still processing, so the client keeps polling.
        state(id, fay.id() + "|completed");
        assertThat(json(get("/api/insights/" + id, fay)).path("status").asString()).isEqualTo("processing");
        // Requested insights are not listed before they exist.
        assertThat(ids(get("/api/insights", fay))).isEmpty();
        // Once the row is there it wins over the status.
        UUID made = insight(fay.id(), "custom", "2025-10-01", "2025-10-10", "2025-10-11T06:00:00Z");
        state(made, fay.id() + "|processing");
        assertThat(json(get("/api/insights/" + made, fay)).path("status").asString()).isEqualTo("completed");
    }

    @Test
    void anotherUsersInsightOrPendingStatusIsNotFoundLikeAnUnknownId() {
        var gus = newUser();
        var mallory = newUser();
        UUID generated = insight(gus.id(), "weekly", "2025-10-20", "2025-10-26", "2025-10-27T06:00:00Z");
        UUID pending = UUID.randomUUID();
        state(pending, gus.id() + "|pending");

        var unknown = get("/api/insights/" + UUID.randomUUID(), mallory);
        for (var response : List.of(get("/api/insights/" + generated, mallory),
                get("/api/insights/" + pending, mallory), unknown)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).path("code").asString()).isEqualTo("not-found");
            assertThat(json(response).path("detail")).isEqualTo(json(unknown).path("detail"));
        }
        assertThat(ids(get("/api/insights", mallory))).isEmpty();
        // A garbled state is nobody's.
        UUID garbled = UUID.randomUUID();
        state(garbled, "pending");
        assertThat(get("/api/insights/" + garbled, gus).statusCode()).isEqualTo(404);
    }

    @Test
    void anonymousCallsAreRefused() {
        var hal = newUser();
        UUID id = insight(hal.id(), "weekly", "2025-10-20", "2025-10-26", "2025-10-27T06:00:00Z");
        for (String path : List.of("/api/insights", "/api/insights?type=weekly", "/api/insights/" + id,
                "/api/insights/not-a-uuid")) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).doesNotContain(id.toString());
        }
    }

    /** A minimal row as projection writes it for a period without entries: nullable columns left null. */
    private UUID insight(UUID userId, String type, String start, String end, String generatedAt) {
        UUID id = UUID.randomUUID();
        analyticsDb.sql("""
                INSERT INTO journal_insights (id, user_id, insight_type, start_date, end_date, generated_at, summary,
                    entries_analyzed, total_words, average_words)
                VALUES (:id, :userId, :type, :start, :end, :generatedAt, 'No entries in this period.', 0, 0, 0)""")
                .param("id", id).param("userId", userId).param("type", type)
                .param("start", LocalDate.parse(start)).param("end", LocalDate.parse(end))
                .param("generatedAt", Timestamp.from(Instant.parse(generatedAt)))
                .update();
        return id;
    }

    private void state(UUID insightId, String value) {
        redis.opsForValue().set(InsightStates.KEY_PREFIX + insightId, value, Duration.ofMinutes(1));
    }

    private static List<UUID> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ids(json(response));
    }

    private static List<UUID> ids(JsonNode page) {
        return page.path("items").valueStream().map(i -> UUID.fromString(i.path("id").asString())).toList();
    }
}
