package com.mindflow.auth.support;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The auth-service running on a random port against the real PostgreSQL, Redis, Kafka and GreenMail. All IT classes
 * share this configuration, so Spring starts the service once per test JVM. Test data is isolated by random emails
 * and client addresses, never by wiping stores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AuthITSupport {

    protected static final Servers SERVERS = LocalStack.servers();
    protected static final String PASSWORD = "correct horse battery staple";
    protected static final JsonMapper JSON = new JsonMapper();
    private static final Path KEYS = Path.of("target", "it-auth-keys");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SERVERS.springProperties(Servers.WRITE_DB).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("mindflow.auth.keys-dir", () -> KEYS.toAbsolutePath().toString());
        // Long enough to cancel in; a test that needs the purge moves purge_after into the past instead.
        registry.add("mindflow.auth.account-deletion.grace", () -> "PT1H");
        registry.add("mindflow.auth.account-deletion.purge-every", () -> "PT0.5S");
        // Always evening, so a reminder test need not wait for 20:00; the scan runs only when a test calls it.
        registry.add("mindflow.auth.reminders.evening-hour", () -> "0");
        registry.add("mindflow.auth.reminders.scan-every", () -> "PT1H");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected StringRedisTemplate redis;

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    protected Mailbox mailbox() {
        return new Mailbox(SERVERS.mailHost(), SERVERS.imapPort());
    }

    /** How rate-limit keys name an email address: the first 16 bytes of its SHA-256, in hex. */
    protected static String emailKey(String email) {
        return java.util.HexFormat.of().formatHex(com.mindflow.auth.Hashing.sha256(email.toLowerCase()), 0, 16);
    }

    protected static String randomEmail() {
        return "it-" + UUID.randomUUID() + "@example.com";
    }

    protected static Map<String, Object> registration(String email, String password) {
        return Map.of("email", email, "password", password, "displayName", "Test User", "timezone",
                "Europe/Lisbon", "language", "en", "consent", Map.of("termsVersion", "v1.0",
                        "privacyPolicyVersion", "v1.0", "dataProcessing", true, "marketing", false));
    }

    protected TestUser register(Api api) {
        String email = randomEmail();
        Api.Response response = api.post("/api/auth/register", registration(email, PASSWORD));
        if (response.status() != 201) {
            throw new AssertionError("register: " + response);
        }
        return new TestUser(UUID.fromString(response.text("id")), email, PASSWORD);
    }

    protected Tokens login(Api api, TestUser user) {
        return login(api, user.email(), user.password());
    }

    protected Tokens login(Api api, String email, String password) {
        Api.Response response = api.post("/api/auth/login", Map.of("email", email, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("login: " + response);
        }
        return new Tokens(response.text("accessToken"), response.text("refreshToken"), response.text("sessionId"));
    }

    /** The event payloads (envelopes) this user's actions wrote to the outbox, oldest first. */
    protected List<JsonNode> outboxEvents(UUID user, String type) {
        return jdbc.sql("""
                SELECT payload::text FROM outbox_events
                 WHERE user_id = :user AND event_type = :type ORDER BY sequence
                """)
                .param("user", user)
                .param("type", type)
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .toList();
    }

    protected static void await(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public record TestUser(UUID id, String email, String password) {
    }

    public record Tokens(String access, String refresh, String sessionId) {
    }
}
