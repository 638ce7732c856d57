package com.mindflow.command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.support.testing.TestIssuer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * command-service on a random port against the real servers, called over HTTP like a client does, with tokens from a
 * {@link TestIssuer} for users that exist in the write database with a live session in Redis. One configuration for
 * every API IT, so they share one started application.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ ApiTestBase.TestClock.class, PurgeNotices.class })
public abstract class ApiTestBase {

    protected static final JsonMapper JSON = new JsonMapper();
    /** Lives as long as the JVM: the cached application context keeps fetching its JWKS. */
    protected static final TestIssuer ISSUER = TestIssuer.start();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        // Write database, Redis, Kafka and S3 as the running stack reports them.
        LocalStack.servers().springProperties(Servers.WRITE_DB).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("mindflow.security.jwks-uri", () -> ISSUER.jwksUri().toString());
        // An outbox source of this JVM's own: the relay that leads for it is this application's, never a relay of
        // another test run or a running stack (which could be stopped, or slow, while holding the leader lock).
        registry.add("mindflow.outbox.source", () -> OUTBOX_SOURCE);
    }

    private static final String OUTBOX_SOURCE = "command-service-it-" + UUID.randomUUID();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A registered user with a live session and a token carrying {@code zone}. */
    protected Caller newUser(ZoneId zone) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO users (id, email, password_hash, display_name, timezone)
                VALUES (:id, :email, 'not-a-hash', 'Test Writer', :zone)
                """)
                .param("id", id).param("email", "writer-" + id + "@example.com").param("zone", zone.getId())
                .update();
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().putAll("session:" + sid, Map.of("userId", id.toString(), "roles", "user"));
        redis.expire("session:" + sid, Duration.ofMinutes(30));
        String token = ISSUER.rs256(ISSUER.claims(id, sid).claim("zoneinfo", zone.getId()).build());
        return new Caller(id, token);
    }

    protected Caller newUser() {
        return newUser(ZoneOffset.UTC);
    }

    public record Caller(UUID id, String token) {
    }

    /** A request to this application; {@code token} may be null for an anonymous call. */
    protected Response call(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected Response post(Caller caller, String path, String body) {
        return call("POST", path, caller.token(), body, Map.of());
    }

    /** An answer, with its body parsed when it is JSON. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.headers().map() + " " + raw.body();
        }
    }

    /** The application's clock, movable by tests; back on the system clock after each test. */
    public static final class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        public void moveBy(Duration by) {
            offset = offset.plus(by);
        }

        /** Sets the clock so that now is {@code instant}. */
        public void setTo(Instant instant) {
            offset = Duration.between(Instant.now(), instant);
        }

        void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock self = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return self.withZone(other);
                }

                @Override
                public Instant instant() {
                    return self.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
