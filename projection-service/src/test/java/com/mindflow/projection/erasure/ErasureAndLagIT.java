package com.mindflow.projection.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.mindflow.events.Topics;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.AuditPseudonym;
import com.mindflow.support.readside.JournalSearchIndex;
import com.mindflow.support.readside.ReadCacheKeys;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

/**
 * After UserDeleted nothing of the user is left in any read store (nor in the request log) but the audit trail, which
 * keeps the actions under a pseudonym; late events of the user bring nothing back anywhere. Every sink reports its lag.
 */
class ErasureAndLagIT extends ProjectionTest {

    @Autowired
    private ElasticsearchClient elasticsearch;

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private StringRedisTemplate redis;

    @LocalServerPort
    private int port;

    @Test
    void aDeletedUserLeavesOnlyTheAuditTrail() throws Exception {
        Events user = new Events();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        LocalDate today = LocalDate.now();
        publish(user.registered("Eve"), user.loggedIn(),
                user.created(first, today, "One", "first words", Mood.HAPPY, List.of("gdpr")),
                user.created(second, today.minusDays(1), "Two", "second words", Mood.SAD, List.of("gdpr")),
                user.attachmentAdded(first, UUID.randomUUID(), 2));
        ApiRequestRecord request = new ApiRequestRecord(UUID.randomUUID().toString(), "erasure", Instant.now(),
                "query-service", "GET", "/api/journals", "/api/journals", Map.of(), Map.of(), 200, 5, 100L,
                user.userId(), "198.51.100.23", null);
        publishRaw(Topics.API_REQUESTS, request.requestId(), new OpsCodec().write(request));
        eventually().until(() -> count(read.sql("SELECT COUNT(*) FROM journals_view WHERE user_id = :u"), user.userId()) == 2
                && searchCount(user.userId()) == 2
                && count(analytics.sql("SELECT COUNT(*) FROM mood_events WHERE user_id = :u"), user.userId()) == 2
                && audit(user.userId()) >= 4
                && mongo.getCollection("api_requests").countDocuments(new Document("userId", user.userId().toString())) == 1);
        redis.opsForValue().set(ReadCacheKeys.profile(user.userId()), "cached");
        redis.opsForValue().set(ReadCacheKeys.recentEntries(user.userId()), "cached");

        publish(user.userDeleted());

        eventually().until(() -> count(read.sql("SELECT COUNT(*) FROM user_profile_view WHERE id = :u"), user.userId()) == 0
                && count(analytics.sql("SELECT COUNT(*) FROM user_activity_events WHERE user_id = :u"), user.userId()) == 0
                && searchCount(user.userId()) == 0);
        assertThat(count(read.sql("SELECT COUNT(*) FROM journals_view WHERE user_id = :u"), user.userId())).isZero();
        assertThat(count(read.sql("SELECT COUNT(*) FROM journal_attachments_view WHERE user_id = :u"), user.userId())).isZero();
        assertThat(count(read.sql("SELECT COUNT(*) FROM mood_calendar_cache WHERE user_id = :u"), user.userId())).isZero();
        assertThat(count(analytics.sql("SELECT COUNT(*) FROM mood_events WHERE user_id = :u"), user.userId())).isZero();
        assertThat(redis.hasKey(ReadCacheKeys.profile(user.userId()))).isFalse();
        assertThat(redis.hasKey(ReadCacheKeys.recentEntries(user.userId()))).isFalse();
        // Request and error logs hold the user's id and IP address: erased too.
        eventually().until(() -> mongo.getCollection("api_requests")
                .countDocuments(new Document("userId", user.userId().toString())) == 0);
        // The audit trail stays (legal retention), and records the deletion itself, but only under a pseudonym.
        String pseudonym = AuditPseudonym.of(user.userId());
        eventually().until(() -> mongo.getCollection("audit_logs")
                .countDocuments(new Document("userId", pseudonym).append("action", "ACCOUNT_DELETE")) == 1);
        assertThat(auditOf(pseudonym)).isGreaterThanOrEqualTo(5);
        assertThat(audit(user.userId())).isZero();
        assertThat(mongo.getCollection("audit_logs").countDocuments(
                new Document("searchableText", new Document("$regex", user.userId().toString())))).isZero();

        // Late events of the erased user (an update, an entry never seen before, a login) bring nothing back in
        // any sink, and the audit trail files them under the pseudonym. A marker user's events, published after
        // them on the same topics, show when they have been through every sink.
        UUID unseen = UUID.randomUUID();
        publish(user.updated(first, today, "One again", "late", Mood.HAPPY, List.of(), 3),
                user.created(unseen, today.minusDays(5), "Late", "late words", Mood.SAD, List.of("late")),
                user.loggedIn());
        UUID marker = UUID.randomUUID();
        Events other = new Events();
        publish(other.registered("Marker"), other.created(marker, today, "marker", "marker", Mood.HAPPY, List.of()),
                other.loggedIn());
        eventually().until(() -> searchable(marker)
                && count(read.sql("SELECT COUNT(*) FROM journals_view WHERE user_id = :u"), other.userId()) == 1
                && count(analytics.sql("SELECT COUNT(*) FROM user_activity_events WHERE user_id = :u"),
                        other.userId()) >= 2
                && audit(other.userId()) >= 3);
        assertThat(searchable(first)).isFalse();
        assertThat(searchable(unseen)).isFalse();
        assertThat(count(read.sql("SELECT COUNT(*) FROM journals_view WHERE user_id = :u"), user.userId())).isZero();
        assertThat(count(analytics.sql("SELECT COUNT(*) FROM mood_events WHERE user_id = :u"), user.userId())).isZero();
        assertThat(count(analytics.sql("SELECT COUNT(*) FROM user_activity_events WHERE user_id = :u"), user.userId()))
                .isZero();
        assertThat(audit(user.userId())).isZero();
        assertThat(auditOf(pseudonym)).isGreaterThanOrEqualTo(8);
    }

    /**
     * Whether search has the document, looked up by id on every shard after a refresh: documents are routed by their
     * owner, and the live alias may still be an index from before routing.
     */
    private boolean searchable(UUID id) throws Exception {
        elasticsearch.indices().refresh(r -> r.index(JournalSearchIndex.ALIAS));
        return elasticsearch.count(c -> c.index(JournalSearchIndex.ALIAS)
                .query(q -> q.ids(i -> i.values(id.toString())))).count() > 0;
    }

    @Test
    void everySinkPublishesItsLagPercentiles() throws Exception {
        Events user = new Events();
        publish(user.registered("Lag"), user.created(UUID.randomUUID(), LocalDate.now(), "t", "c", Mood.HAPPY,
                List.of("x")));
        HttpClient http = HttpClient.newHttpClient();
        eventually().until(() -> {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return List.of("read-model", "search", "analytics", "history").stream().allMatch(sink ->
                    body.lines().anyMatch(line -> line.startsWith("mindflow_projection_lag_seconds{")
                            && line.contains("sink=\"" + sink + "\"") && line.contains("quantile=\"0.99\"")));
        });
        // Re-drive is an operator command over Kafka: no HTTP route to it, whatever token a caller holds.
        UUID caller = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().put("session:" + sid, "userId", caller.toString());
        redis.expire("session:" + sid, java.time.Duration.ofMinutes(5));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/deadletters"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ISSUER.token(caller, sid))
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"mindflow.journal-entries.v1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(404);
    }

    private static long count(org.springframework.jdbc.core.simple.JdbcClient.StatementSpec sql, UUID userId) {
        return sql.param("u", userId).query(Long.class).single();
    }

    private long searchCount(UUID userId) throws Exception {
        elasticsearch.indices().refresh(r -> r.index(JournalSearchIndex.ALIAS));
        return elasticsearch.count(c -> c.index(JournalSearchIndex.ALIAS)
                .query(q -> q.term(t -> t.field("userId").value(userId.toString())))).count();
    }

    private long audit(UUID userId) {
        return auditOf(userId.toString());
    }

    private long auditOf(String userId) {
        return mongo.getCollection("audit_logs").countDocuments(new Document("userId", userId));
    }

}
