package com.mindflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.Jwt;

class LiveSessionValidatorTest {

    final Set<String> live = new HashSet<>();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong(1_000);
    final LiveSessionValidator validator = new LiveSessionValidator(key -> {
        lookups.incrementAndGet();
        return live.contains(key);
    }, Duration.ofSeconds(1), nanos::get);

    @Test
    void withoutACacheTimeEveryRequestAsksTheStoreSoALogoutWorksAtOnce() {
        LiveSessionValidator uncached = new LiveSessionValidator(key -> {
            lookups.incrementAndGet();
            return live.contains(key);
        }, Duration.ZERO, nanos::get);
        live.add("session:s0");
        assertThat(uncached.validate(token("s0")).hasErrors()).isFalse();
        assertThat(uncached.validate(token("s0")).hasErrors()).isFalse();
        assertThat(lookups).hasValue(2);

        live.remove("session:s0");
        assertThat(uncached.validate(token("s0")).hasErrors()).isTrue();
    }

    @Test
    void acceptsALiveSessionAndAsksTheStoreOncePerSecond() {
        live.add("session:s1");
        assertThat(validator.validate(token("s1")).hasErrors()).isFalse();
        assertThat(validator.validate(token("s1")).hasErrors()).isFalse();
        assertThat(lookups).hasValue(1);

        nanos.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(validator.validate(token("s1")).hasErrors()).isFalse();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void logoutTakesEffectWithinTheCacheTime() {
        live.add("session:s2");
        assertThat(validator.validate(token("s2")).hasErrors()).isFalse();
        live.remove("session:s2");
        nanos.addAndGet(Duration.ofMillis(1001).toNanos());
        assertThat(validator.validate(token("s2")).hasErrors()).isTrue();
    }

    @Test
    void neverRemembersADeadSession() {
        assertThat(validator.validate(token("s3")).hasErrors()).isTrue();
        live.add("session:s3");
        assertThat(validator.validate(token("s3")).hasErrors()).isFalse();
    }

    @Test
    void aStoreThatCannotBeAskedIsAServiceFailureNeitherAcceptedNorRefused() {
        // auth-service's own decoder passes its store look-up straight in: a Redis timeout must not escape as a 500.
        LiveSessionValidator unreachable = new LiveSessionValidator(key -> {
            throw new QueryTimeoutException("Redis command timed out");
        }, Duration.ZERO, nanos::get);
        assertThatThrownBy(() -> unreachable.validate(token("s9")))
                .isInstanceOf(AuthenticationServiceException.class)
                .hasCauseInstanceOf(QueryTimeoutException.class);
    }

    @Test
    void refusesATokenWithoutSession() {
        assertThat(validator.validate(token(null)).hasErrors()).isTrue();
        assertThat(lookups).hasValue(0);
    }

    private static Jwt token(String sid) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("u")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (sid != null) {
            builder.claim("sid", sid);
        }
        return builder.build();
    }
}
