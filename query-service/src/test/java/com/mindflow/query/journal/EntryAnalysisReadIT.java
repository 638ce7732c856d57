package com.mindflow.query.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.query.support.QueryServiceIT;

import tools.jackson.databind.JsonNode;

/** {@code GET /api/journals/{id}}'s {@code analysis}: from the read database when done, else the Redis status. */
class EntryAnalysisReadIT extends QueryServiceIT {

    @Test
    void aCompletedAnalysisOfTheCurrentVersionComesFromTheReadDatabase() {
        var ana = newUser();
        var entry = seed(SeededEntry.of(ana.id(), LocalDate.of(2026, 1, 10), "Walk", "happy").withVersion(2));
        analysis(entry.id(), ana.id(), 2, 0.72, "positive", "{\"river walk\",\"autumn leaves\"}");
        redis.opsForValue().set("ai:queue:" + entry.id(), "completed", Duration.ofMinutes(1));

        JsonNode analysis = json(get("/api/journals/" + entry.id(), ana)).path("analysis");
        assertThat(analysis.path("status").asString()).isEqualTo("completed");
        assertThat(analysis.path("sentimentScore").asDouble()).isEqualTo(0.72);
        assertThat(analysis.path("sentimentLabel").asString()).isEqualTo("positive");
        assertThat(analysis.path("keyPhrases").valueStream().map(JsonNode::asString))
                .containsExactly("river walk", "autumn leaves");
        assertThat(analysis.path("language").asString()).isEqualTo("en");
        assertThat(analysis.path("analysedAt").asString()).isNotEmpty();
    }

    @Test
    void whileTheCurrentVersionIsAnalysedTheStatusComesFromRedis() {
        var bea = newUser();
        var entry = seed(SeededEntry.of(bea.id(), LocalDate.of(2026, 1, 11), "Edited", "sad").withVersion(3));
        analysis(entry.id(), bea.id(), 2, -0.5, "negative", "{}");
        for (String status : new String[] {"queued", "processing", "failed"}) {
            redis.opsForValue().set("ai:queue:" + entry.id(), status, Duration.ofMinutes(1));
            JsonNode analysis = json(get("/api/journals/" + entry.id(), bea)).path("analysis");
            assertThat(analysis.path("status").asString()).isEqualTo(status);
            assertThat(analysis.has("sentimentScore")).isFalse();
        }
        // Redis says done, the read database has not caught up: still processing.
        redis.opsForValue().set("ai:queue:" + entry.id(), "completed", Duration.ofMinutes(1));
        var pending = get("/api/journals/" + entry.id(), bea);
        assertThat(json(pending).path("analysis").path("status").asString()).isEqualTo("processing");
        // No ETag of the version while the analysis may still change: a poll must never be answered 304.
        assertThat(pending.headers().firstValue("ETag")).isEmpty();
        assertThat(pending.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(pending).path("version").asInt()).isEqualTo(3);
        readDb.sql("UPDATE journal_entry_analyses SET entry_version = 3 WHERE journal_entry_id = :id")
                .param("id", entry.id()).update();
        assertThat(get("/api/journals/" + entry.id(), bea).headers().firstValue("ETag")).hasValue("\"3\"");
    }

    @Test
    void aPrivateEntryIsNotAnalysedWhateverTheStoresHold() {
        var cid = newUser();
        var entry = seed(SeededEntry.of(cid.id(), LocalDate.of(2026, 1, 12), "Secret", "neutral").asPrivate());
        redis.opsForValue().set("ai:queue:" + entry.id(), "processing", Duration.ofMinutes(1));
        JsonNode analysis = json(get("/api/journals/" + entry.id(), cid)).path("analysis");
        assertThat(analysis.path("status").asString()).isEqualTo("not_analysed");
        assertThat(analysis.size()).isEqualTo(1);
    }

    @Test
    void anEntryWithNothingKnownIsNotAnalysedAndAnotherUsersEntryStaysHidden() {
        var dan = newUser();
        var eve = newUser();
        var entry = seed(SeededEntry.of(dan.id(), LocalDate.of(2026, 1, 13), "Plain", "neutral"));
        assertThat(json(get("/api/journals/" + entry.id(), dan)).path("analysis").path("status").asString())
                .isEqualTo("not_analysed");
        assertThat(get("/api/journals/" + entry.id(), eve).statusCode()).isEqualTo(404);
    }

    private void analysis(UUID entryId, UUID userId, int version, double score, String label, String phrases) {
        readDb.sql("""
                INSERT INTO journal_entry_analyses (journal_entry_id, user_id, entry_version, sentiment_score,
                    sentiment_label, key_phrases, language, analysed_at)
                VALUES (:id, :user, :version, :score, :label, CAST(:phrases AS text[]), 'en', :at)
                """).param("id", entryId).param("user", userId).param("version", version).param("score", score)
                .param("label", label).param("phrases", phrases).param("at", Timestamp.from(Instant.now()))
                .update();
    }
}
