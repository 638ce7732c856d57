package com.mindflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.auth.ratelimit.RateLimitSettings;
import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

/**
 * Fixed one-minute windows in Redis (429 with Retry-After), the progressive login delay, and the caps on mails to
 * one address. The lock-out tests use clients that really connect from distinct loopback addresses, no forwarded
 * header.
 */
class RateLimitIT extends AuthITSupport {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
            .withZone(ZoneOffset.UTC);

    @Autowired
    RateLimitSettings limits;

    @BeforeEach
    void startEarlyInAMinute() throws InterruptedException {
        // All attempts of a test must fall in one window; don't start in a minute's last seconds.
        int second = Instant.now().atZone(ZoneOffset.UTC).getSecond();
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
    void limitsLoginAttemptsPerAccountFromOneAddress() {
        inOneWindow(() -> {
            Api api = api();
            var user = register(api);
            Api attacker = api.ownLoopbackAddress();
            for (int i = 0; i < limits.loginPerEmailAndIp(); i++) {
                assertThat(wrongLogin(attacker, user.email()).status()).isEqualTo(401);
            }
            sleep(Duration.ofMillis(1100)); // past the progressive delay, so what answers is the window
            Api.Response limited = attacker.post("/api/auth/login",
                    Map.of("email", user.email(), "password", PASSWORD));
            assertLimited(limited);
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isGreaterThan(1);
            assertThat(redis.hasKey("ratelimit:login:email-ip:" + emailKey(user.email()) + ":" + attacker.clientIp()
                    + ":" + MINUTE.format(Instant.now()))).isTrue();
        });
    }

    @Test
    void anAttackerAtOneAddressCannotLockTheOwnerOut() {
        inOneWindow(() -> {
            Api api = api();
            var victim = register(api);
            Api attacker = api.ownLoopbackAddress();
            Api owner = api.ownLoopbackAddress();

            List<Integer> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(wrongLogin(attacker, victim.email()).status());
            }
            assertThat(answers).containsOnly(401, 429).contains(429);

            Api.Response ownLogin = owner.post("/api/auth/login",
                    Map.of("email", victim.email(), "password", PASSWORD));
            assertThat(ownLogin.status()).as(ownLogin.toString()).isEqualTo(200);
            // One address never gets near the account-wide brake.
            String accountWide = redis.opsForValue().get("ratelimit:login:email:" + emailKey(victim.email()) + ":"
                    + MINUTE.format(Instant.now()));
            assertThat(Integer.parseInt(accountWide)).isLessThanOrEqualTo(limits.loginPerEmailAndIp() + 1);
        });
    }

    @Test
    void failuresDelayFurtherAttemptsExponentiallyUntilASuccessfulLogin() {
        Api api = api();
        var user = register(api);
        int free = limits.loginFreeFailures();
        // Each failure comes from a fresh address, so no per-address window interferes: only the account's run counts.
        for (int i = 1; i < free; i++) {
            assertThat(wrongLogin(api.ownLoopbackAddress(), user.email()).status()).isEqualTo(401);
        }
        long expected = 1;
        Api address = null;
        for (int failure = free; failure < free + 7; failure++) {
            address = api.ownLoopbackAddress();
            assertThat(wrongLogin(address, user.email()).status()).as("failure " + failure).isEqualTo(401);
            // Held: even the right password is not checked now.
            Api.Response held = address.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD));
            assertLimited(held);
            long retryAfter = Long.parseLong(held.header("Retry-After"));
            long cap = limits.loginDelayMax().toSeconds();
            assertThat(retryAfter).as("after failure " + failure).isBetween(Math.min(expected, cap) - 1,
                    Math.min(expected, cap));
            expected *= 2;
        }
        assertThat(redis.getExpire("login-delay:" + emailKey(user.email()) + ":" + address.clientIp()))
                .isBetween(1L, limits.loginDelayMax().toSeconds());

        login(api.ownLoopbackAddress(), user);

        assertThat(redis.opsForValue().get("login-failures:" + emailKey(user.email()))).isNull();
        Api after = api.ownLoopbackAddress();
        assertThat(wrongLogin(after, user.email()).status()).isEqualTo(401);
        assertThat(wrongLogin(after, user.email()).status()).as("the run started again").isEqualTo(401);
    }

    @Test
    void anUnknownEmailIsDelayedLikeAKnownOne() {
        Api api = api();
        String nobody = randomEmail();
        Api last = null;
        for (int i = 0; i < limits.loginFreeFailures(); i++) {
            last = api.ownLoopbackAddress();
            assertThat(wrongLogin(last, nobody).status()).isEqualTo(401);
        }
        assertLimited(wrongLogin(last, nobody));
    }

    @Test
    void failedLoginsByOthersNeverBlockPasswordChangeOrDeletion() {
        Api api = api();
        var user = register(api);
        Api owner = api.ownLoopbackAddress();
        Tokens tokens = login(owner, user);
        Api attacker = api.ownLoopbackAddress();
        for (int i = 0; i < 8; i++) {
            wrongLogin(attacker, user.email());
        }
        // As if a botnet had also spent the account-wide login allowance of this minute.
        String accountWide = "ratelimit:login:email:" + emailKey(user.email()) + ":" + MINUTE.format(Instant.now());
        redis.opsForValue().set(accountWide, "100000", Duration.ofSeconds(61));
        assertLimited(owner.post("/api/auth/login", Map.of("email", user.email(), "password", PASSWORD)));

        assertThat(owner.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword",
                "a brand new passphrase"), tokens.access()).status()).isEqualTo(204);
        assertThat(owner.delete("/api/me", Map.of("password", "a brand new passphrase"), tokens.access()).status())
                .isEqualTo(202);
    }

    @Test
    void limitsPasswordConfirmationsPerSignedInAccount() {
        inOneWindow(() -> {
            Api api = api();
            Tokens tokens = login(api, register(api));
            for (int i = 0; i < limits.passwordCheckPerUser(); i++) {
                assertThat(api.anotherDevice().delete("/api/me", Map.of("password", "not my password " + i),
                        tokens.access()).status()).isEqualTo(403);
            }
            assertLimited(api.anotherDevice().put("/api/me/password", Map.of("currentPassword", PASSWORD,
                    "newPassword", "a brand new passphrase"), tokens.access()));
        });
    }

    @Test
    void limitsLoginAttemptsPerAddressForAnyEmail() {
        inOneWindow(() -> {
            Api api = api();
            for (int i = 0; i < limits.loginPerIp(); i++) {
                assertThat(api.post("/api/auth/login", Map.of("email", randomEmail(), "password", "whatever it is"))
                        .status()).isEqualTo(401);
            }
            assertLimited(api.post("/api/auth/login", Map.of("email", randomEmail(), "password", "whatever it is")));
            assertThat(redis.hasKey("ratelimit:login:ip:" + api.clientIp() + ":" + MINUTE.format(Instant.now())))
                    .isTrue();
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
    void limitsPasswordResetRequestsPerAddress() {
        inOneWindow(() -> {
            Api one = api();
            for (int i = 0; i < 5; i++) {
                assertThat(one.post("/api/auth/password-reset", Map.of("email", randomEmail())).status())
                        .isEqualTo(202);
            }
            assertLimited(one.post("/api/auth/password-reset", Map.of("email", randomEmail())));
        });
    }

    private static Api.Response wrongLogin(Api api, String email) {
        return api.post("/api/auth/login", Map.of("email", email, "password", "not the password at all"));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertLimited(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
    }
}
