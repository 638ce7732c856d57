package com.mindflow.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mindflow.support.security.UserId;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;

class AccessTokensTest {

    @TempDir
    Path dir;

    @Test
    void carriesTheWholeContractSignedWithTheNewestKey() throws Exception {
        var clock = new KeyRingTest.MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        KeyRing ring = new KeyRing(dir, Duration.ofDays(30), Duration.ofMinutes(10), clock);
        AccessTokens tokens = new AccessTokens(ring, "mindflow-auth", "mindflow-api",
                Duration.ofMinutes(10), clock);
        UserId user = new UserId(UUID.randomUUID());

        AccessTokens.AccessToken token = tokens.issue(user, "session-1", List.of("user"));
        SignedJWT jwt = SignedJWT.parse(token.value());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(ring.signingKey().getKeyID());
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.verify(new RSASSAVerifier(ring.signingKey().toRSAPublicKey()))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("mindflow-auth");
        assertThat(claims.getAudience()).containsExactly("mindflow-api");
        assertThat(claims.getSubject()).isEqualTo(user.toString());
        assertThat(claims.getStringClaim("sid")).isEqualTo("session-1");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(clock.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(token.expiresInSeconds()).isEqualTo(600);
        assertThat(token.toString()).doesNotContain(token.value());
    }

    @Test
    void carriesTheUsersTimeZoneAsZoneinfoWhenKnown() throws Exception {
        var clock = new KeyRingTest.MutableClock(Instant.now());
        KeyRing ring = new KeyRing(dir, Duration.ofDays(30), Duration.ofMinutes(10), clock);
        AccessTokens tokens = new AccessTokens(ring, "i", "a", Duration.ofMinutes(10), clock);
        UserId user = new UserId(UUID.randomUUID());
        var withZone = SignedJWT.parse(tokens.issue(user, "s", List.of(), "Asia/Tokyo", false).value())
                .getJWTClaimsSet();
        var withoutZone = SignedJWT.parse(tokens.issue(user, "s", List.of()).value()).getJWTClaimsSet();
        assertThat(withZone.getStringClaim("zoneinfo")).isEqualTo("Asia/Tokyo");
        assertThat(withoutZone.getClaim("zoneinfo")).isNull();
    }

    @Test
    void saysWhetherTheAccountsEmailIsVerified() throws Exception {
        var clock = new KeyRingTest.MutableClock(Instant.now());
        KeyRing ring = new KeyRing(dir, Duration.ofDays(30), Duration.ofMinutes(10), clock);
        AccessTokens tokens = new AccessTokens(ring, "i", "a", Duration.ofMinutes(10), clock);
        UserId user = new UserId(UUID.randomUUID());
        var verified = SignedJWT.parse(tokens.issue(user, "s", List.of(), "UTC", true).value()).getJWTClaimsSet();
        var unverified = SignedJWT.parse(tokens.issue(user, "s", List.of(), "UTC", false).value()).getJWTClaimsSet();
        var unknown = SignedJWT.parse(tokens.issue(user, "s", List.of()).value()).getJWTClaimsSet();
        // A JSON boolean, present either way: a missing claim must not be read as "verified" by anyone.
        assertThat(verified.getClaim("email_verified")).isEqualTo(true);
        assertThat(unverified.getClaim("email_verified")).isEqualTo(false);
        assertThat(unknown.getClaim("email_verified")).isEqualTo(false);
    }

    @Test
    void everyTokenHasItsOwnId() throws Exception {
        var clock = new KeyRingTest.MutableClock(Instant.now());
        KeyRing ring = new KeyRing(dir, Duration.ofDays(30), Duration.ofMinutes(10), clock);
        AccessTokens tokens = new AccessTokens(ring, "i", "a", Duration.ofMinutes(10), clock);
        UserId user = new UserId(UUID.randomUUID());
        String a = SignedJWT.parse(tokens.issue(user, "s", List.of()).value()).getJWTClaimsSet().getJWTID();
        String b = SignedJWT.parse(tokens.issue(user, "s", List.of()).value()).getJWTClaimsSet().getJWTID();
        assertThat(a).isNotEqualTo(b);
    }
}
