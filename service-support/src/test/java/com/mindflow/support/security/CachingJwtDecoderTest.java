package com.mindflow.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.mindflow.support.testing.TestIssuer;

/** The signature is checked once per token; nothing that failed any check is ever kept. Real RS256 tokens. */
class CachingJwtDecoderTest {

    static final TestIssuer issuer = TestIssuer.start();
    static final Duration SKEW = Duration.ofSeconds(30);

    final AtomicLong nanos = new AtomicLong(1_000);
    final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return Instant.now().plusNanos(nanos.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    final JwtTimestampValidator claims = timestamps();
    final NimbusJwtDecoder nimbus = nimbus();
    final AtomicInteger verifications = new AtomicInteger();
    final AtomicInteger sessionChecks = new AtomicInteger();
    volatile boolean sessionLive = true;
    final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        return nimbus.decode(token);
    };
    final OAuth2TokenValidator<Jwt> session = jwt -> {
        sessionChecks.incrementAndGet();
        return sessionLive ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The session has ended", null));
    };
    final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, claims, session, 100, clock, nanos::get);

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void verifiesAValidTokenOnceAndChecksTheSessionEveryTime() {
        String token = issuer.token(UUID.randomUUID(), "s");
        for (int i = 0; i < 5; i++) {
            assertThat(decoder.decode(token).getClaimAsString("sid")).isEqualTo("s");
        }
        assertThat(verifications).hasValue(1);
        assertThat(sessionChecks).hasValue(5);
    }

    @Test
    void neverKeepsAForgedToken() {
        var claims = issuer.claims(UUID.randomUUID(), "s").build();
        String genuine = issuer.rs256(claims);
        String forged = issuer.rs256WithForeignKey(claims); // same jti, same claims, another key
        decoder.decode(genuine);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        }
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(issuer.unsigned(claims))).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(5);
        assertThat(decoder.size()).isEqualTo(1);
    }

    @Test
    void neverKeepsAnExpiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String expired = issuer.rs256(issuer.claims(UUID.randomUUID(), "s").issueTime(Date.from(past))
                .notBeforeTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(60))).build());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class);
        }
        assertThat(verifications).hasValue(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void keepsATokenUntilItsExpiryAndNoLonger() {
        String token = issuer.rs256(issuer.claims(UUID.randomUUID(), "s")
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(2)))).build());
        decoder.decode(token);
        nanos.addAndGet(Duration.ofSeconds(115).toNanos());
        decoder.decode(token);
        assertThat(verifications).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(10).toNanos()); // past exp, within the skew: checked in full again
        decoder.decode(token);
        decoder.decode(token);
        assertThat(verifications).hasValue(3);
        assertThat(decoder.size()).isZero();

        nanos.addAndGet(SKEW.toNanos()); // past exp + skew: refused
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void checksTheClaimsOfAKeptTokenAtUseTime() {
        // A cache that (unlike Caffeine here) still held the token after its exp must not let it through.
        CachingJwtDecoder frozen = new CachingJwtDecoder(verifier, claims, session, 100, clock, () -> 0L);
        String token = issuer.rs256(issuer.claims(UUID.randomUUID(), "s")
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(2)))).build());
        frozen.decode(token);
        nanos.addAndGet(Duration.ofMinutes(3).toNanos());
        assertThatThrownBy(() -> frozen.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesAKeptTokenOnceItsSessionEnded() {
        String token = issuer.token(UUID.randomUUID(), "s");
        decoder.decode(token);
        sessionLive = false;
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("session has ended");
        assertThat(verifications).hasValue(1);
    }

    private JwtTimestampValidator timestamps() {
        JwtTimestampValidator validator = new JwtTimestampValidator(SKEW);
        validator.setAllowEmptyExpiryClaim(false);
        validator.setClock(clock);
        return validator;
    }

    private NimbusJwtDecoder nimbus() {
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(issuer.jwksUri().toString())
                .jwsAlgorithms(a -> {
                    a.clear();
                    a.add(SignatureAlgorithm.RS256);
                    a.add(SignatureAlgorithm.ES256);
                })
                .build();
        nimbus.setJwtValidator(claims);
        return nimbus;
    }
}
