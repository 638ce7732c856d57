package com.mindflow.query.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mindflow.query.support.QueryServiceIT;

import tools.jackson.databind.JsonNode;

/** /api/me/stats from user_profile_view and /api/me/activity from MongoDB audit_logs. */
class MeIT extends QueryServiceIT {

    @Autowired
    MongoTemplate mongo;

    @Test
    void statsComeFromTheProfileViewAndAreZeroBeforeProjectionSawTheUser() {
        var alice = newUser();
        readDb.sql("""
                INSERT INTO user_profile_view (id, email, display_name, created_at, current_streak, longest_streak,
                    total_entries, total_words, last_entry_date, settings, gdpr_consent, avg_words_per_entry)
                VALUES (:id, :email, 'Alice', now(), 3, 9, 40, 8000, :last, '{}', '{}', 200)""")
                .param("id", alice.id()).param("email", alice.id() + "@example.com")
                .param("last", LocalDate.of(2025, 10, 25))
                .update();

        JsonNode stats = json(get("/api/me/stats", alice));
        assertThat(stats.path("currentStreak").asInt()).isEqualTo(3);
        assertThat(stats.path("longestStreak").asInt()).isEqualTo(9);
        assertThat(stats.path("currentStreakStart").asString()).isEqualTo("2025-10-23");
        assertThat(stats.path("totalEntries").asInt()).isEqualTo(40);
        assertThat(stats.path("totalWords").asInt()).isEqualTo(8000);
        assertThat(stats.path("averageWords").asInt()).isEqualTo(200);
        assertThat(stats.path("lastEntryDate").asString()).isEqualTo("2025-10-25");

        JsonNode nobody = json(get("/api/me/stats", newUser()));
        assertThat(nobody.path("totalEntries").asInt()).isZero();
        assertThat(nobody.path("currentStreak").asInt()).isZero();
        assertThat(get("/api/me/stats", null).statusCode()).isEqualTo(401);
    }

    @Test
    void activityIsTheCallersOwnAuditTrailNewestFirstAndPaged() {
        var alice = newUser();
        var bob = newUser();
        Instant base = Instant.parse("2025-10-25T20:00:00Z");
        for (int i = 0; i < 5; i++) {
            audit(alice.id(), i % 2 == 0 ? "ENTRY_CREATE" : "LOGIN", base.plusSeconds(i * 60L));
        }
        audit(bob.id(), "LOGIN", base.plusSeconds(3600));

        JsonNode first = json(get("/api/me/activity?size=2", alice));
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        assertThat(first.path("items").get(0).path("timestamp").asString()).isEqualTo("2025-10-25T20:04:00Z");
        assertThat(first.path("items").get(0).path("action").asString()).isEqualTo("ENTRY_CREATE");
        assertThat(first.path("items").get(0).path("entryId").asString()).isNotBlank();
        assertThat(first.path("items").get(1).path("timestamp").asString()).isEqualTo("2025-10-25T20:03:00Z");

        JsonNode last = json(get("/api/me/activity?page=2&size=2", alice));
        assertThat(last.path("items")).hasSize(1);
        assertThat(last.path("hasMore").asBoolean()).isFalse();

        JsonNode bobs = json(get("/api/me/activity", bob));
        assertThat(bobs.path("items")).hasSize(1);
        assertThat(json(get("/api/me/activity", newUser())).path("items").isEmpty()).isTrue();
    }

    @Test
    void badActivityParametersAreProblemsAndAnonymousIsRefused() {
        var alice = newUser();
        assertThat(problemFields(get("/api/me/activity?size=0", alice))).containsExactly("size");
        assertThat(problemFields(get("/api/me/activity?size=101", alice))).containsExactly("size");
        assertThat(problemFields(get("/api/me/activity?page=-1", alice))).containsExactly("page");
        assertThat(get("/api/me/activity", null).statusCode()).isEqualTo(401);
    }

    private void audit(UUID user, String action, Instant at) {
        Document metadata = new Document();
        if (action.startsWith("ENTRY")) {
            metadata.append("entryId", UUID.randomUUID().toString())
                    .append("changes", new Document("before", null).append("after", new Document("title", "x")));
        }
        mongo.insert(new Document("userId", user.toString())
                .append("action", action)
                .append("timestamp", Date.from(at))
                .append("metadata", metadata)
                .append("ipAddress", "192.0.2.1")
                .append("userAgent", "MeIT")
                .append("requestId", "req-" + UUID.randomUUID())
                .append("dataCategory", action.startsWith("ENTRY") ? "user_data" : "security_event")
                .append("retentionPolicy", "7_years")
                .append("searchableText", action.toLowerCase()), "audit_logs");
    }
}
