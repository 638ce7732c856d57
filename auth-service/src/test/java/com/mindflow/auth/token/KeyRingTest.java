package com.mindflow.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mindflow.support.security.UserId;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

class KeyRingTest {

    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void keepsItsKeyAcrossRestartsSoIssuedTokensStayValid() throws Exception {
        KeyRing first = new KeyRing(dir, ROTATION, TOKEN_TTL, clock);
        String token = tokens(first).issue(new UserId(java.util.UUID.randomUUID()), "sid", List.of("user")).value();

        KeyRing afterRestart = new KeyRing(dir, ROTATION, TOKEN_TTL, clock);

        assertThat(afterRestart.signingKey().getKeyID()).isEqualTo(first.signingKey().getKeyID());
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(afterRestart.signingKey().toRSAPublicKey())))
                .isTrue();
        assertThat(keyFiles()).hasSize(1);
        assertThat(Files.getPosixFilePermissions(keyFiles().getFirst()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void rotatesWhenDueAndPublishesTheOldKeyUntilItsTokensHaveExpired() {
        KeyRing ring = new KeyRing(dir, ROTATION, TOKEN_TTL, clock);
        RSAKey old = ring.signingKey();

        clock.advance(ROTATION.plusSeconds(1));
        ring.refresh();

        RSAKey fresh = ring.signingKey();
        assertThat(fresh.getKeyID()).isNotEqualTo(old.getKeyID());
        assertThat(kids(ring)).containsExactlyInAnyOrder(old.getKeyID(), fresh.getKeyID());

        clock.advance(TOKEN_TTL);
        ring.refresh();
        assertThat(kids(ring)).as("still within the clock-skew margin").contains(old.getKeyID());

        clock.advance(Duration.ofMinutes(2));
        ring.refresh();
        assertThat(kids(ring)).containsExactly(fresh.getKeyID());
        assertThat(keyFiles()).hasSize(1);
    }

    @Test
    void publishesNoPrivateKeyMaterial() {
        KeyRing ring = new KeyRing(dir, ROTATION, TOKEN_TTL, clock);
        assertThat(ring.publicJwks().getKeys()).allMatch(k -> !k.isPrivate());
        assertThat(ring.publicJwks().getKeys().getFirst().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void findsAKeyAnotherReplicaAddedToTheSharedFolder() throws Exception {
        KeyRing mine = new KeyRing(dir, ROTATION, TOKEN_TTL, clock);
        clock.advance(ROTATION.plusSeconds(1));
        KeyRing theirs = new KeyRing(dir, ROTATION, TOKEN_TTL, clock); // rotates and writes a new key
        clock.advance(Duration.ofSeconds(11));

        JWKSelector byKid = new JWKSelector(new JWKMatcher.Builder().keyID(theirs.signingKey().getKeyID()).build());
        List<JWK> found = mine.verificationKeys().get(byKid, null);

        assertThat(found).singleElement().extracting(JWK::getKeyID).isEqualTo(theirs.signingKey().getKeyID());
    }

    private AccessTokens tokens(KeyRing ring) {
        return new AccessTokens(ring, "mindflow-auth", "mindflow-api", TOKEN_TTL, clock);
    }

    private static List<String> kids(KeyRing ring) {
        return ring.publicJwks().getKeys().stream().map(JWK::getKeyID).toList();
    }

    private List<Path> keyFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jwk.json")).toList();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
