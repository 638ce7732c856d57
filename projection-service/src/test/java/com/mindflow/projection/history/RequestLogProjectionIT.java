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
import com.mindflow.events.ops.ErrorDetails;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.events.ops.RequestLogHeaders;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.projection.support.RequestLogProbe;

/**
 * The request log is api-gateway's (one record per client request): behind it, real HTTP requests to this service
 * record nothing themselves; the service answers the gateway the user and route in internal headers, and a failure is
 * an application log (with its stack) naming the gateway's record, which the history sink stores next to it in
 * MongoDB. Redeliveries change nothing; the user's erasure removes both, also when they arrive after it.
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
    void behindTheGatewayTheServiceRecordsNoRequestAnswersTheUserAndRouteAndItsErrorLogNamesTheGatewaysRecord()
            throws Exception {
        UUID user = UUID.randomUUID();
        String token = token(user);
        String correlation = "it-" + UUID.randomUUID();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + RequestLogProbe.ENTRIES + "?limit=5&access_token=leaked-token&q=private"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", correlation)
                .header(RequestLogHeaders.API_REQUEST_ID, "gw-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"my private journal words\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        // What the gateway records and takes off the answer before the client sees it.
        assertThat(created.headers().firstValue(RequestLogHeaders.USER_ID)).hasValue(user.toString());
        assertThat(created.headers().firstValue(RequestLogHeaders.ROUTE)).hasValue(RequestLogProbe.ENTRIES);

        String gatewayRecord = UUID.randomUUID().toString();
        HttpResponse<String> failed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + RequestLogProbe.FAILURE)).header("Authorization", "Bearer " + token)
                        .header("X-Request-Id", correlation).header(RequestLogHeaders.API_REQUEST_ID, gatewayRecord)
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue(RequestLogHeaders.USER_ID)).hasValue(user.toString());
        Document logged = eventually().until(() -> one(HistoryCollections.APPLICATION_LOGS,
                new Document("context.requestId", gatewayRecord)), java.util.Objects::nonNull);
        assertThat(logged.getString("level")).isEqualTo("ERROR");
        assertThat(logged.getString("service")).isEqualTo("projection-service");
        assertThat(logged.get("timestamp")).isInstanceOf(Date.class);
        Document context = logged.get("context", Document.class);
        assertThat(context.getString("userId")).isEqualTo(user.toString());
        assertThat(context.getString("correlationId")).isEqualTo(correlation);
        assertThat(context.getString("function")).isNotBlank();
        Document error = logged.get("error", Document.class);
        assertThat(error.getString("name")).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.getString("stack")).contains("RequestLogProbe$Endpoints.fail").hasSizeLessThanOrEqualTo(8192);
        assertThat(count(HistoryCollections.APPLICATION_LOGS, new Document("context.requestId", gatewayRecord)))
                .isEqualTo(1);

        // The gateway's record of the failed request, stored next to the error log that explains it.
        publishRaw(Topics.API_REQUESTS, gatewayRecord, OPS.write(new ApiRequestRecord(gatewayRecord, correlation,
                Instant.now(), "api-gateway", "GET", RequestLogProbe.FAILURE, RequestLogProbe.FAILURE, Map.of(),
                Map.of("user-agent", "RequestLogIT"), 500, 12, 180L, user, "203.0.113.9",
                new ErrorDetails("Internal Server Error", null, null))));
        Document request = eventually().until(() -> one(HistoryCollections.API_REQUESTS,
                new Document("requestId", gatewayRecord)), java.util.Objects::nonNull);
        assertThat(request.getString("service")).isEqualTo("api-gateway");
        assertThat(request.getString("userId")).isEqualTo(user.toString());
        assertThat(request.get("error", Document.class)).isEqualTo(new Document("name", "Internal Server Error")
                .append("message", null));
        // Neither of the service's two requests was recorded by the service itself.
        assertThat(mongo.getCollection(HistoryCollections.API_REQUESTS).find(new Document("correlationId", correlation))
                .into(new ArrayList<>())).extracting(document -> document.getString("requestId"))
                .containsExactly(gatewayRecord);
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
        eventually().until(() -> count(HistoryCollections.API_REQUESTS, new Document("requestId", marker.requestId())) == 1
                && count(HistoryCollections.API_REQUESTS, new Document("requestId", late.requestId())) == 0);
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
