package com.mindflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;
import com.mindflow.testsupport.faults.TcpProxy;

/**
 * Redis down while auth-service runs (issue #12): sessions, rate limits and login delays all live there, so login,
 * refresh, logout and registration answer 503 problem+json with {@code Retry-After} — never 500, never a 401 that
 * would sign a client out — and change nothing. The service reaches Redis only through a proxy the test cuts (as a
 * crash would: connections reset, new ones refused); the server keeps running for everyone else. When it is back,
 * the session opened before the outage still works, refreshes and logs out normally.
 */
@ContextConfiguration(initializers = RedisOutageIT.RedisBehindAProxy.class)
class RedisOutageIT extends AuthITSupport {

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

    @Test
    void everythingThatNeedsRedisIs503WhileItIsDownAndTheSessionOutlivesTheOutage() {
        Api api = api();
        TestUser user = register(api);
        Tokens tokens = login(api, user);
        String newcomer = randomEmail();

        REDIS.cut();
        try {
            unavailable(api.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD)));
            unavailable(api.post("/api/auth/refresh", Map.of("refreshToken", tokens.refresh())));
            unavailable(api.post("/api/auth/logout", null, tokens.access())); // the session check itself
            unavailable(api.get("/api/me/sessions", tokens.access()));
            unavailable(api.post("/api/auth/register", registration(newcomer, PASSWORD)));
            unavailable(api.post("/api/auth/password-reset", Map.of("email", user.email())));
        }
        finally {
            REDIS.restore();
        }
        // Refused before anything was written: no account for the registration.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE email = :email").param("email", newcomer)
                .query(Long.class).single()).isZero();

        // Lettuce reconnects with a growing back-off; meanwhile answers stay 503.
        await(Duration.ofSeconds(60), () -> {
            Api.Response sessions = api.get("/api/me/sessions", tokens.access());
            assertThat(sessions.status()).isIn(200, 503);
            return sessions.status() == 200;
        }, "Redis to be reachable again");
        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", tokens.refresh()));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200); // not rotated by the refused attempt
        assertThat(api.post("/api/auth/logout", null, tokens.access()).status()).isEqualTo(204);
        assertThat(api.get("/api/me/sessions", tokens.access()).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", refreshed.text("refreshToken"))).status())
                .isEqualTo(401);
    }

    private static void unavailable(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
