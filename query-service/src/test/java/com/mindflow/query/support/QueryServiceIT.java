package com.mindflow.query.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.query.QueryServiceApplication;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;
import com.mindflow.support.testing.TestIssuer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * query-service on a random port against the real servers, with a stand-in token issuer. Tests seed the read stores
 * themselves (projection-service fills them in production) and call the API over real HTTP. Every test uses fresh
 * user ids, so tests never see each other's data.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class QueryServiceIT {

    protected static final TestIssuer ISSUER = TestIssuer.start();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        Servers servers = LocalStack.servers();
        servers.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("mindflow.datasource.read.jdbc-url", () -> servers.jdbcUrl(Servers.READ_DB));
        registry.add("mindflow.datasource.read.username", servers::dbUser);
        registry.add("mindflow.datasource.read.password", servers::dbPassword);
        registry.add("mindflow.datasource.analytics.jdbc-url", () -> servers.jdbcUrl(Servers.ANALYTICS_DB));
        registry.add("mindflow.datasource.analytics.username", servers::dbUser);
        registry.add("mindflow.datasource.analytics.password", servers::dbPassword);
        registry.add("mindflow.security.jwks-uri", () -> ISSUER.jwksUri().toString());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    @Qualifier(ReadAndAnalyticsDatabases.READ)
    protected JdbcClient readDb;

    /** A user with a live session and a valid access token. */
    public record TestUser(UUID id, String token) {
    }

    protected TestUser newUser() {
        UUID id = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().putAll("session:" + sid, Map.of("userId", id.toString(), "roles", "user"));
        redis.expire("session:" + sid, Duration.ofMinutes(10));
        return new TestUser(id, ISSUER.token(id, sid));
    }

    /** An entry as projection-service writes it into journals_view. */
    public record SeededEntry(UUID id, UUID userId, LocalDate date, String title, String content, String mood,
            List<String> tags, boolean isPrivate, String attachmentsJson, long version) {

        public static SeededEntry of(UUID userId, LocalDate date, String title, String mood, String... tags) {
            return new SeededEntry(UUID.randomUUID(), userId, date, title, "Content of " + title, mood,
                    List.of(tags), false, "[]", 1);
        }

        public SeededEntry withAttachments(String json) {
            return new SeededEntry(id, userId, date, title, content, mood, tags, isPrivate, json, version);
        }

        public SeededEntry asPrivate() {
            return new SeededEntry(id, userId, date, title, content, mood, tags, true, attachmentsJson, version);
        }

        public SeededEntry withVersion(long newVersion) {
            return new SeededEntry(id, userId, date, title, content, mood, tags, isPrivate, attachmentsJson,
                    newVersion);
        }
    }

    protected SeededEntry seed(SeededEntry e) {
        Timestamp now = Timestamp.from(Instant.now());
        readDb.sql("""
                INSERT INTO journals_view (id, user_id, date, title, content, mood, word_count, reading_time,
                    is_private, created_at, updated_at, tags, attachments, attachment_count, version)
                VALUES (:id, :userId, :date, :title, :content, :mood, :words, 1, :private, :now, :now,
                    CAST(:tags AS jsonb), CAST(:attachments AS json), json_array_length(CAST(:attachments AS json)),
                    :version)
                ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, content = EXCLUDED.content,
                    mood = EXCLUDED.mood, tags = EXCLUDED.tags, version = EXCLUDED.version,
                    updated_at = EXCLUDED.updated_at
                """)
                .param("id", e.id()).param("userId", e.userId()).param("date", e.date())
                .param("title", e.title()).param("content", e.content()).param("mood", e.mood())
                .param("words", e.content().split("\\s+").length).param("private", e.isPrivate())
                .param("now", now).param("tags", JSON.writeValueAsString(e.tags()))
                .param("attachments", e.attachmentsJson()).param("version", e.version())
                .update();
        return e;
    }

    protected HttpResponse<String> get(String path, TestUser user, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request, user);
    }

    /** Sends a request as {@code user} (none: without a token). */
    protected HttpResponse<String> exchange(HttpRequest.Builder request, TestUser user) {
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The field names of a 400 problem's {@code errors}. */
    protected static List<String> problemFields(HttpResponse<String> response) {
        return json(response).path("errors").valueStream().map(e -> e.path("field").asString()).toList();
    }
}
