package com.mindflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

/** Fixed one-minute windows in Redis: the sixth attempt inside a minute gets 429 with Retry-After. */
class RateLimitIT extends AuthITSupport {

    @BeforeEach
    void startEarlyInAMinute() throws InterruptedException {
        // All attempts of a test must fall in one window; don't start in a minute's last seconds.
        int second = Instant.now().atZone(java.time.ZoneOffset.UTC).getSecond();
        if (second > 40) {
            Thread.sleep((61 - second) * 1000L);
        }
    }

    /**
     * Runs a scenario whose attempts must share one window. On a slow machine the bcrypt-bound attempts can cross a
     * minute boundary; then the outcome says nothing about the limiter and the scenario runs once more, fresh.
     */
    private static void inOneWindow(Runnable scenario) {
        long minute = Instant.now().getEpochSecond() / 60;
        try {
            scenario.run();
        }
        catch (AssertionError e) {
            if (Instant.now().getEpochSecond() / 60 == minute) {
                throw e;
            }
            scenario.run();
        }
    }

    @Test
    void limitsLoginAttemptsPerEmailFromAnywhere() {
        inOneWindow(() -> {
            Api api = api();
            var user = register(api);
            for (int i = 0; i < 5; i++) {
                assertThat(api.anotherDevice().post("/api/auth/login",
                        Map.of("email", user.email(), "password", "wrong password " + i)).status()).isEqualTo(401);
            }
            Api.Response limited = api.anotherDevice().post("/api/auth/login",
                    Map.of("email", user.email(), "password", PASSWORD));
            assertLimited(limited);
            assertThat(redis.keys("ratelimit:login:email:*")).isNotEmpty();
        });
    }

    @Test
    void limitsLoginAttemptsPerAddressForAnyEmail() {
        inOneWindow(() -> {
            Api api = api();
            for (int i = 0; i < 5; i++) {
                assertThat(api.post("/api/auth/login", Map.of("email", randomEmail(), "password", "whatever it is"))
                        .status()).isEqualTo(401);
            }
            assertLimited(api.post("/api/auth/login", Map.of("email", randomEmail(), "password", "whatever it is")));
            assertThat(redis.hasKey("ratelimit:login:ip:" + api.clientIp() + ":"
                    + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(java.time.ZoneOffset.UTC)
                            .format(Instant.now()))).isTrue();
        });
    }

    @Test
    void limitsRegistrationsPerAddress() {
        inOneWindow(() -> {
            Api api = api();
            for (int i = 0; i < 5; i++) {
                assertThat(api.post("/api/auth/register", registration(randomEmail(), PASSWORD)).status())
                        .isEqualTo(201);
            }
            assertLimited(api.post("/api/auth/register", registration(randomEmail(), PASSWORD)));
        });
    }

    @Test
    void limitsPasswordResetMailsPerAddressAndPerEmail() {
        inOneWindow(() -> {
            Api api = api();
            var user = register(api);
            for (int i = 0; i < 3; i++) {
                assertThat(api.anotherDevice().post("/api/auth/password-reset", Map.of("email", user.email())).status())
                        .isEqualTo(202);
            }
            assertLimited(api.anotherDevice().post("/api/auth/password-reset", Map.of("email", user.email())));

            Api one = api();
            for (int i = 0; i < 5; i++) {
                assertThat(one.post("/api/auth/password-reset", Map.of("email", randomEmail())).status()).isEqualTo(202);
            }
            assertLimited(one.post("/api/auth/password-reset", Map.of("email", randomEmail())));
        });
    }

    private static void assertLimited(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
    }
}
