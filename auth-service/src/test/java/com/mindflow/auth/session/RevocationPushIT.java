package com.mindflow.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;
import com.mindflow.support.security.CachingJwtDecoder;
import com.mindflow.support.security.LiveSessionValidator;
import com.mindflow.support.security.SecuritySettings;
import com.mindflow.support.security.SessionRevocationFeed;
import com.mindflow.support.security.TokenValidators;

/**
 * Every way auth-service ends a session reaches the other services over pub/sub: a resource server built as
 * service-support builds it (against this auth-service's JWKS and the real Redis, counting its Redis look-ups) asks
 * Redis once for a session, and refuses the token right after the logout without asking again.
 */
class RevocationPushIT extends AuthITSupport {

    @Autowired
    RedisConnectionFactory connections;

    @Autowired
    SecuritySettings security;

    final AtomicInteger lookups = new AtomicInteger();
    LiveSessionValidator sessions;
    SessionRevocationFeed feed;
    CachingJwtDecoder resourceServer;

    @BeforeEach
    void startResourceServer() {
        sessions = LiveSessionValidator.pushed(key -> {
            lookups.incrementAndGet();
            return Boolean.TRUE.equals(redis.hasKey(key));
        }, security);
        feed = new SessionRevocationFeed(sessions, connections, redis, security.sessionRevocationChannel(),
                security.sessionRevocationHeartbeat());
        feed.start();
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json")
                .jwsAlgorithms(a -> {
                    a.clear();
                    a.add(SignatureAlgorithm.RS256);
                })
                .build();
        OAuth2TokenValidator<Jwt> claims = TokenValidators.claims(security);
        nimbus.setJwtValidator(claims);
        resourceServer = new CachingJwtDecoder(nimbus, claims, sessions, 100);
        await(Duration.ofSeconds(10), sessions::trustsConfirmedSessions, "the revocation subscription");
    }

    @AfterEach
    void stopResourceServer() {
        feed.stop();
    }

    @Test
    void aLogoutIsRefusedAtAnotherServiceWithoutAReadOfRedis() {
        Api api = api();
        Tokens tokens = login(api, register(api));
        for (int i = 0; i < 10; i++) {
            assertThat(resourceServer.decode(tokens.access()).getClaimAsString("sid")).isEqualTo(tokens.sessionId());
        }
        assertThat(lookups).hasValue(1);

        assertThat(api.post("/api/auth/logout", null, tokens.access()).status()).isEqualTo(204);

        // Pub/sub delivers on the subscriber's own connection, so the message may trail the logout's answer.
        refusedSoon(tokens);
        assertThatThrownBy(() -> resourceServer.decode(tokens.access())).isInstanceOf(JwtValidationException.class);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void endingADeviceChangingThePasswordAndDeletingTheAccountAreAnnouncedToo() {
        Api api = api();
        var user = register(api);
        Tokens here = login(api, user);
        Tokens device = login(api.anotherDevice(), user);
        Tokens other = login(api.anotherDevice(), user);
        resourceServer.decode(here.access());
        resourceServer.decode(device.access());
        resourceServer.decode(other.access());
        assertThat(lookups).hasValue(3);

        assertThat(api.delete("/api/me/sessions/" + device.sessionId(), null, here.access()).status()).isEqualTo(204);
        refusedSoon(device);

        assertThat(api.put("/api/me/password", Map.of("currentPassword", PASSWORD, "newPassword",
                "a brand new passphrase"), here.access()).status()).isEqualTo(204);
        refusedSoon(other);
        resourceServer.decode(here.access()); // the session that changed it stays

        assertThat(api.delete("/api/me", Map.of("password", "a brand new passphrase"), here.access()).status())
                .isEqualTo(202);
        refusedSoon(here);
        assertThat(lookups).hasValue(3);
    }

    @Test
    void aReusedRefreshTokenIsAnnounced() {
        Api api = api();
        Tokens stolen = login(api, register(api));
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", stolen.refresh())).status()).isEqualTo(200);
        resourceServer.decode(stolen.access());

        assertThat(api.anotherDevice().post("/api/auth/refresh", Map.of("refreshToken", stolen.refresh())).status())
                .isEqualTo(401);
        refusedSoon(stolen);
        assertThat(lookups).hasValue(1);
    }

    /** The message takes its own connection; the logout answer usually trails it by the outbox write. */
    private void refusedSoon(Tokens tokens) {
        await(Duration.ofSeconds(1), () -> {
            try {
                resourceServer.decode(tokens.access());
                return false;
            }
            catch (JwtValidationException e) {
                return true;
            }
        }, "the revocation of " + tokens.sessionId());
    }
}
