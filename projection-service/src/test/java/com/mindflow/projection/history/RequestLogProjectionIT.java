package com.mindflow.projection.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
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
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ApplicationLogRecord;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.projection.support.RequestLogProbe;

/**
 * Real HTTP requests to this service go through service-support's request log, Kafka and the history sink into
 * MongoDB: sanitized, with the user, status and time; a failure also as an application log with its stack;
 * redeliveries change nothing; the user's erasure removes them, also when they arrive after it.
 */
class RequestLogProjectionIT extends ProjectionTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OpsCodec OPS = new OpsCodec();

    @Autowired
    private MongoTemplate mongo;

    @Autowired
    private StringRedisTemplate redis;

    @LocalServerPort
    private int port;

    @Test
    void aServedRequestIsRecordedSanitizedAndAFailureAlsoAsAnApplicationLog() throws Exception {
        UUID user = UUID.randomUUID();
        String token = token(user);
        String correlation = "it-" + UUID.randomUUID();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + RequestLogProbe.ENTRIES + "?limit=5&access_token=leaked-token&password=leaked-password"))
                .header("Authorization", "Bearer " + token)
                .header("Cookie", "session=leaked-cookie")
                .header("User-Agent", "RequestLogIT")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", correlation)
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"my private journal words\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        Document request = eventually().until(() -> one(HistoryCollections.API_REQUESTS,
                new Document("correlationId", correlation)), java.util.Objects::nonNull);
        assertThat(request.toJson()).doesNotContain("leaked-token", "leaked-password", "leaked-cookie",
                "private journal words", token, "Bearer");
        assertThat(request).doesNotContainKey("body");
        assertThat(request.getString("requestId")).isNotEqualTo(correlation).matches("[0-9a-f-]{36}");
        assertThat(request.getString("service")).isEqualTo("projection-service");
        assertThat(request.getString("method")).isEqualTo("POST");
        assertThat(request.getString("path")).isEqualTo(RequestLogProbe.ENTRIES);
        assertThat(request.getString("route")).isEqualTo(RequestLogProbe.ENTRIES);
        assertThat(request.get("query", Document.class)).isEqualTo(new Document("limit", "5")
                .append("access_token", "***").append("password", "***"));
        assertThat(request.get("headers", Document.class)).isEqualTo(new Document("user-agent", "RequestLogIT")
                .append("content-type", "application/json"));
        assertThat(request.getInteger("statusCode")).isEqualTo(201);
        assertThat(((Number) request.get("responseTime")).longValue()).isBetween(0L, 10_000L);
        assertThat(((Number) request.get("responseSize")).longValue()).isEqualTo(created.body().length());
        assertThat(request.getString("userId")).isEqualTo(user.toString());
        assertThat(request.getString("ipAddress")).isEqualTo("127.0.0.1");
        assertThat(request.get("timestamp")).isInstanceOf(Date.class);
        assertThat(request.get("error")).isNull();

        HttpResponse<String> failed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + RequestLogProbe.FAILURE)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(500);
        Document failure = eventually().until(() -> one(HistoryCollections.API_REQUESTS,
                new Document("userId", user.toString()).append("statusCode", 500)), java.util.Objects::nonNull);
        assertThat(failure.get("error", Document.class)).isEqualTo(new Document("name",
                IllegalStateException.class.getName()).append("message", "probe failure for the request log"));
        Document logged = eventually().until(() -> one(HistoryCollections.APPLICATION_LOGS,
                new Document("context.requestId", failure.getString("requestId"))), java.util.Objects::nonNull);
        assertThat(logged.getString("level")).isEqualTo("ERROR");
        assertThat(logged.getString("service")).isEqualTo("projection-service");
        assertThat(logged.get("timestamp")).isInstanceOf(Date.class);
        Document context = logged.get("context", Document.class);
        assertThat(context.getString("userId")).isEqualTo(user.toString());
        assertThat(context.getString("correlationId")).isEqualTo(failed.headers().firstValue("X-Request-Id")
                .orElseThrow());
        assertThat(context.getString("function")).isNotBlank();
        Document error = logged.get("error", Document.class);
        assertThat(error.getString("name")).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.getString("stack")).contains("RequestLogProbe$Endpoints.fail").hasSizeLessThanOrEqualTo(8192);
        assertThat(count(HistoryCollections.APPLICATION_LOGS,
                new Document("context.requestId", failure.getString("requestId")))).isEqualTo(1);
    }

    @Test
    void aRedeliveredRecordIsStoredOnce() {
        String key = UUID.randomUUID().toString();
        ApiRequestRecord request = request(UUID.randomUUID(), "/redelivered");
        ApplicationLogRecord entry = new ApplicationLogRecord(UUID.randomUUID(), Instant.now(), "ERROR",
                "query-service", "redelivered", new ApplicationLogRecord.Context(null, request.requestId(), null,
                        "com.mindflow.Example", null, null), null, null);
        for (int i = 0; i < 2; i++) {
            publishRaw(Topics.API_REQUESTS, key, OPS.write(request));
            publishRaw(Topics.APPLICATION_LOGS, key, OPS.write(entry));
        }
        ApiRequestRecord marker = request(UUID.randomUUID(), "/marker");
        publishRaw(Topics.API_REQUESTS, key, OPS.write(marker));
        ApplicationLogRecord logMarker = new ApplicationLogRecord(UUID.randomUUID(), Instant.now(), "ERROR",
                "query-service", "marker", null, null, null);
        publishRaw(Topics.APPLICATION_LOGS, key, OPS.write(logMarker));
        eventually().until(() -> count(HistoryCollections.API_REQUESTS, new Document("requestId", marker.requestId()))
                == 1 && count(HistoryCollections.APPLICATION_LOGS, new Document("_id", logMarker.id().toString())) == 1);

        assertThat(count(HistoryCollections.API_REQUESTS, new Document("requestId", request.requestId()))).isEqualTo(1);
        assertThat(count(HistoryCollections.APPLICATION_LOGS, new Document("_id", entry.id().toString()))).isEqualTo(1);
    }

    @Test
    void theUsersErasureRemovesTheirRequestAndErrorLogsAlsoThoseArrivingLater() {
        Events user = new Events();
        UUID other = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        publishRaw(Topics.API_REQUESTS, key, OPS.write(request(user.userId(), "/before")));
        publishRaw(Topics.API_REQUESTS, key, OPS.write(request(other, "/someone-else")));
        publishRaw(Topics.APPLICATION_LOGS, key, OPS.write(new ApplicationLogRecord(UUID.randomUUID(), Instant.now(),
                "ERROR", "command-service", "failed for the user", new ApplicationLogRecord.Context(user.userId(),
                        null, null, "com.mindflow.Example", null, null), null, null)));
        eventually().until(() -> count(HistoryCollections.API_REQUESTS, new Document("userId", user.userId().toString())) == 1
                && count(HistoryCollections.APPLICATION_LOGS, new Document("context.userId", user.userId().toString())) == 1
                && count(HistoryCollections.API_REQUESTS, new Document("userId", other.toString())) == 1);

        publish(user.userDeleted());
        eventually().until(() -> count(HistoryCollections.API_REQUESTS, new Document("userId", user.userId().toString())) == 0
                && count(HistoryCollections.APPLICATION_LOGS, new Document("context.userId", user.userId().toString())) == 0);
        assertThat(count(HistoryCollections.API_REQUESTS, new Document("userId", other.toString()))).isEqualTo(1);

        // The deletion request's own record typically arrives after the event: it is not kept either.
        ApiRequestRecord late = request(user.userId(), "/api/me");
        publishRaw(Topics.API_REQUESTS, key, OPS.write(late));
        ApiRequestRecord marker = request(other, "/marker");
        publishRaw(Topics.API_REQUESTS, key, OPS.write(marker));
        eventually().until(() -> count(HistoryCollections.API_REQUESTS, new Document("requestId", marker.requestId())) == 1);
        assertThat(count(HistoryCollections.API_REQUESTS, new Document("requestId", late.requestId()))).isZero();
    }

    private String token(UUID user) {
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().putAll("session:" + sid, Map.of("userId", user.toString(), "roles", "user"));
        redis.expire("session:" + sid, Duration.ofMinutes(5));
        return ISSUER.token(user, sid);
    }

    private static ApiRequestRecord request(UUID user, String path) {
        return new ApiRequestRecord(UUID.randomUUID().toString(), "it-" + UUID.randomUUID(), Instant.now(),
                "query-service", "GET", path, path, Map.of(), Map.of("user-agent", "it"), 200, 3, 10L, user,
                "192.0.2.1", null);
    }

    private Document one(String collection, Document filter) {
        List<Document> found = mongo.getCollection(collection).find(filter).into(new ArrayList<>());
        return found.isEmpty() ? null : found.getFirst();
    }

    private long count(String collection, Document filter) {
        return mongo.getCollection(collection).countDocuments(filter);
    }
}
