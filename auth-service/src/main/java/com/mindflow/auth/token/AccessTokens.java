package com.mindflow.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mindflow.support.security.UserId;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the short-lived RS256 access tokens every service accepts: {@code iss}, {@code aud}, {@code sub} (user id),
 * {@code sid} (session id, checked live in Redis by every service), {@code exp}, {@code nbf}, {@code iat},
 * {@code jti}, {@code zoneinfo} (the user's IANA time zone, so services know the user's "today" without a lookup),
 * {@code email_verified} (whether the account's address is confirmed; services grant unverified accounts less, e.g.
 * a smaller attachment quota), and the signing key's {@code kid} in the header.
 */
public class AccessTokens {

    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public AccessTokens(KeyRing keys, String issuer, String audience, Duration ttl, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
    }

    public AccessToken issue(UserId user, String sessionId, List<String> roles) {
        return issue(user, sessionId, roles, null, false);
    }

    /**
     * @param zone          the user's time zone from their settings; no {@code zoneinfo} claim when {@code null}
     * @param emailVerified whether the account's email address is verified: the {@code email_verified} claim
     */
    public AccessToken issue(UserId user, String sessionId, List<String> roles, String zone, boolean emailVerified) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(user.toString())
                .claim("sid", sessionId)
                .claim("roles", roles)
                .claim("zoneinfo", zone)
                .claim("email_verified", emailVerified)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        RSAKey key = keys.signingKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        }
        catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), expires, ttl.toSeconds());
    }

    /** A signed token and when it dies. */
    public record AccessToken(String value, Instant expiresAt, long expiresInSeconds) {

        @Override
        public String toString() {
            return "AccessToken[expiresAt=" + expiresAt + "]"; // never print the token itself
        }
    }
}
