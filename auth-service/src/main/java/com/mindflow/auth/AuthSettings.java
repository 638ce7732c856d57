package com.mindflow.auth;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the auth-service.
 *
 * @param keysDir            where the RS256 signing keys live (a Secret mount in Kubernetes)
 * @param keyRotation        age after which a new signing key is generated
 * @param accessTokenTtl     lifetime of an access token; also how long a retired key stays in the JWKS
 * @param sessionTtl         idle lifetime of a session (sliding: a refresh extends it)
 * @param bcryptCost         bcrypt work factor; 12 ≈ 0.2–0.3 s per hash on one core here
 * @param verificationTtl    how long an email-verification link works
 * @param passwordResetTtl   how long a password-reset link works
 * @param publicBaseUrl      base URL of the client app, used to build links in mails
 * @param mailFrom           sender address of the mails
 */
@ConfigurationProperties("mindflow.auth")
public record AuthSettings(
        @DefaultValue(".mindflow/data/auth-keys") Path keysDir,
        @DefaultValue("30d") Duration keyRotation,
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue("7d") Duration sessionTtl,
        @DefaultValue("12") int bcryptCost,
        @DefaultValue("24h") Duration verificationTtl,
        @DefaultValue("30m") Duration passwordResetTtl,
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue("no-reply@mindflow.local") String mailFrom) {
}
