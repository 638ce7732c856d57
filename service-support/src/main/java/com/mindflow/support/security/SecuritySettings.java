package com.mindflow.support.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access-token contract every service checks (auth-service issues the tokens), and how much of the checking a
 * service may remember.
 *
 * @param issuer                   required {@code iss}
 * @param audience                 required in {@code aud}
 * @param jwksUri                  where auth-service publishes its public keys
 * @param clockSkew                tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param sessionCheckTtl          how long a positive {@code session:{sid}} check is trusted while revocations arrive
 *                                 by pub/sub (while they don't, every request asks Redis); it bounds how late a
 *                                 session that ends without a message (its key's TTL runs out, a lost message) is
 *                                 noticed. Zero asks Redis on every request
 * @param sessionRevocationChannel the Redis pub/sub channel auth-service announces ended sessions on (their
 *                                 {@code sid}); blank: no subscription, every request asks Redis
 * @param sessionRevocationHeartbeat how often each service pings the channel; when nothing (ping or revocation) has
 *                                 been heard for three of these, the subscription is treated as down
 * @param revokedSessionMemory     how long an announced revocation is remembered at least (longer when a token of
 *                                 the session seen here lives longer): longer than an access token lives
 * @param tokenCacheSize           how many verified tokens are kept (each until its {@code exp}) so their signature
 *                                 is checked once; zero checks every request's signature
 * @param jwksTimeout              connect and read timeout for fetching the JWKS
 * @param publicPaths              paths answered without a token, in addition to health, Prometheus and the API docs
 */
@ConfigurationProperties("mindflow.security")
public record SecuritySettings(
        @DefaultValue("mindflow-auth") String issuer,
        @DefaultValue("mindflow-api") String audience,
        @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") URI jwksUri,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("60s") Duration sessionCheckTtl,
        @DefaultValue(DEFAULT_REVOCATION_CHANNEL) String sessionRevocationChannel,
        @DefaultValue("1s") Duration sessionRevocationHeartbeat,
        @DefaultValue("15m") Duration revokedSessionMemory,
        @DefaultValue("4096") int tokenCacheSize,
        @DefaultValue("3s") Duration jwksTimeout,
        @DefaultValue List<String> publicPaths) {

    /** Where auth-service publishes the {@code sid} of every session it ends. */
    public static final String DEFAULT_REVOCATION_CHANNEL = "mindflow:session-revoked";

    /** Always public: probes, metrics scraping, the API description. */
    public static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error");

    /** Whether services subscribe to session revocations (and may trust a confirmed session for a while). */
    public boolean revocationsPushed() {
        return sessionRevocationChannel != null && !sessionRevocationChannel.isBlank();
    }
}
