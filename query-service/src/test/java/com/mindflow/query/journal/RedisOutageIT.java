package com.mindflow.query.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;

import com.mindflow.query.support.QueryServiceIT;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.LiveSessionValidator;
import com.mindflow.support.security.SecuritySettings;
import com.mindflow.support.security.UserId;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;
import com.mindflow.testsupport.faults.TcpProxy;
import com.nimbusds.jwt.SignedJWT;

/**
 * Redis down while query-service runs (issue #12): the service reaches Redis only through a proxy the test cuts, as
 * a crash would (connections reset, new ones refused); the server itself keeps running, and the test reaches it
 * directly to end sessions as auth-service does (DEL, then PUBLISH on the revocation channel).
 *
 * <p>Defined behaviour: no session can be checked, so every authenticated request is 503 {@code Retry-After}
 * problem+json, even for a session confirmed a moment earlier (the revocation feed went down with Redis, so nothing
 * confirmed is trusted) — never 401 (the token may be fine), never 500, never accepted unchecked. A session this
 * instance heard end stays refused (401). When Redis is back the same tokens work again without a new login, and a
 * session that ended before the cut is 401. The read caches are cache-aside: without Redis, the read database
 * answers.
 */
@ContextConfiguration(initializers = RedisOutageIT.RedisBehindAProxy.class)
class RedisOutageIT extends QueryServiceIT {

    private static final Servers SERVERS = LocalStack.servers();

    /** The only way the service under test reaches Redis. */
    static final TcpProxy REDIS = TcpProxy.to(SERVERS.redisHost(), SERVERS.redisPort());

    /** Ahead of every other property source, the base class's servers included. */
    static class RedisBehindAProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("redis-behind-proxy",
                    Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", REDIS.port(),
                            // Far beyond the test client's 20 s: a request that waited for Redis to come back
                            // instead of failing fast would time out, not answer 503.
                            "spring.data.redis.timeout", "120s")));
        }
    }

    private static LettuceConnectionFactory directConnections;
    /** The test's own way to the server, past the proxy: it plays auth-service. */
    private static StringRedisTemplate direct;

    @Autowired
    private LiveSessionValidator sessions;

    @Autowired
    private SecuritySettings security;

    @Autowired
    private JournalEntryReadController journals;

    @BeforeAll
    static void connectDirectly() {
        directConnections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(SERVERS.redisHost(), SERVERS.redisPort()));
        directConnections.afterPropertiesSet();
        directConnections.start();
        direct = new StringRedisTemplate(directConnections);
    }

    @AfterAll
    static void disconnect() {
        directConnections.destroy();
    }

    /** A previous test's outage may still be wearing off: Lettuce reconnects with a growing back-off. */
    @BeforeEach
    void redisReachable() {
        REDIS.restore();
        eventually().until(() -> redis.hasKey("probe") != null);
    }

    @AfterEach
    void redisBack() {
        redisReachable();
    }

    @Test
    void sessionsCannotBeCheckedWhileRedisIsDownSoRequestsAre503AndWorkAgainAfterwards() {
        TestUser user = newUser();
        seed(SeededEntry.of(user.id(), LocalDate.of(2026, 3, 1), "Before the outage", "happy"));
        TestUser heardToEnd = newUser();
        TestUser endedUnheard = newUser();
        // Confirmed and trusted while the revocation feed works: no Redis round trip per request.
        eventually().until(sessions::trustsConfirmedSessions);
        for (TestUser u : List.of(user, heardToEnd, endedUnheard)) {
            assertThat(get("/api/journals", u).statusCode()).isEqualTo(200);
        }
        logOut(heardToEnd); // as auth-service does: the key goes, then the message
        eventually().until(() -> get("/api/journals", heardToEnd).statusCode() == 401);
        direct.delete("session:" + sid(endedUnheard)); // ended without a message this instance heard
        assertThat(get("/api/journals", endedUnheard).statusCode()).isEqualTo(200); // still trusted: confirmed

        REDIS.cut();
        try {
            // A reset connection is noticed at once (Lettuce starts reconnecting), not after three silent heartbeats.
            Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> !sessions.trustsConfirmedSessions());
            for (int i = 0; i < 2; i++) { // answered at once: Lettuce rejects commands while it reconnects
                assertUnavailable(get("/api/journals", user));
            }
            assertUnavailable(get("/api/journals", endedUnheard));
            assertThat(get("/api/journals", heardToEnd).statusCode()).isEqualTo(401); // remembered here
            assertThat(get("/api/journals", null).statusCode()).isEqualTo(401); // no token: nothing to check
            // Out of the load balancer while Redis is gone, but alive: no restart would help.
            assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);
            assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        }
        finally {
            REDIS.restore();
        }

        List<Integer> whileRecovering = new ArrayList<>();
        eventually().until(() -> {
            int status = get("/api/journals", user).statusCode();
            whileRecovering.add(status);
            return status == 200;
        });
        assertThat(whileRecovering).allMatch(status -> status == 200 || status == 503);
        HttpResponse<String> again = get("/api/journals", user);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Before the outage");
        assertThat(get("/api/journals", endedUnheard).statusCode()).isEqualTo(401);
        assertThat(get("/api/journals", heardToEnd).statusCode()).isEqualTo(401);
    }

    @Test
    void theRecentPageComesFromTheReadDatabaseWhenItsCacheCannotBeReached() {
        TestUser user = newUser();
        seed(SeededEntry.of(user.id(), LocalDate.of(2026, 3, 2), "Served without the cache", "neutral"));
        AuthenticatedUser caller = new AuthenticatedUser(new UserId(user.id()), sid(user), List.of("user"));

        REDIS.cut();
        try {
            // Called past the session check, which over HTTP answers 503 first (see the test above): the read path
            // itself treats Redis as a cache only. GET and SET fail at once (not after the 120 s timeout) and are skipped.
            ResponseEntity<String> page = journals.list(caller, null, null, null, null, null,
                    JournalEntryReadController.DEFAULT_LIMIT, null);
            assertThat(page.getStatusCode().value()).isEqualTo(200);
            assertThat(page.getBody()).contains("Served without the cache");
        }
        finally {
            REDIS.restore();
        }
    }

    private void logOut(TestUser user) {
        String sid = sid(user);
        direct.delete("session:" + sid);
        direct.convertAndSend(security.sessionRevocationChannel(), sid);
    }

    private static String sid(TestUser user) {
        try {
            return SignedJWT.parse(user.token()).getJWTClaimsSet().getStringClaim("sid");
        }
        catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("authentication-unavailable");
    }

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions();
    }
}
