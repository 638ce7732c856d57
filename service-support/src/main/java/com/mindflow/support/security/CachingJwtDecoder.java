package com.mindflow.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Checks a token's signature once: a token the verifier accepted (signature and claim rules) is kept, keyed by its
 * whole compact text (so no other token, whatever its {@code jti}, can match it), until its {@code exp}. A rejected
 * token is never kept, so a forged or expired one costs its full check every time. On a hit the claim rules run again
 * ({@code exp}/{@code nbf} with skew, {@code iss}, {@code aud}, subject: cheap, and time moves on), and the
 * per-request rule (the live session) runs on every request, hit or miss.
 *
 * <p>A key that leaves the JWKS does not take tokens already verified with it out of the cache: they stay until their
 * {@code exp}, which is short (minutes) for MindFlow access tokens.
 */
public class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claims;
    private final OAuth2TokenValidator<Jwt> perRequest;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier   checks the signature and the claim rules (a {@code NimbusJwtDecoder} with {@code claims} as
     *                   its validator)
     * @param claims     the claim rules, run again on a cache hit
     * @param perRequest run on every request after the token is accepted (the live-session check)
     * @param maxSize    how many verified tokens are kept at most
     */
    public CachingJwtDecoder(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claims,
            OAuth2TokenValidator<Jwt> perRequest, long maxSize) {
        this(verifier, claims, perRequest, maxSize, Clock.systemUTC(), Ticker.systemTicker());
    }

    CachingJwtDecoder(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claims, OAuth2TokenValidator<Jwt> perRequest,
            long maxSize, Clock clock, Ticker ticker) {
        this.verifier = verifier;
        this.claims = claims;
        this.perRequest = perRequest;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> untilExpiry(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = token == null ? null : verified.getIfPresent(token);
        if (jwt == null) {
            jwt = verifier.decode(token); // throws for anything not properly signed or not valid now
            if (!untilExpiry(jwt).isZero()) {
                verified.put(token, jwt);
            }
        }
        else {
            check(claims, jwt);
        }
        check(perRequest, jwt);
        return jwt;
    }

    /** For tests and metrics: how many verified tokens are kept now. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Duration untilExpiry(Jwt jwt) {
        Instant exp = jwt.getExpiresAt();
        if (exp == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), exp);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static void check(OAuth2TokenValidator<Jwt> validator, Jwt jwt) {
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().stream().map(OAuth2Error::getDescription)
                    .filter(d -> d != null && !d.isBlank()).findFirst().orElse("Invalid token");
            throw new JwtValidationException(description, result.getErrors());
        }
    }
}
