package com.mindflow.support.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access-token contract every service checks (auth-service issues the tokens).
 *
 * @param issuer           required {@code iss}
 * @param audience         required in {@code aud}
 * @param jwksUri          where auth-service publishes its public keys
 * @param clockSkew        tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param sessionCheckTtl  how long a positive {@code session:{sid}} check is trusted; zero (the default) asks Redis
 *                         on every request so a logout takes effect everywhere at once
 * @param jwksTimeout      connect and read timeout for fetching the JWKS
 * @param publicPaths      paths answered without a token, in addition to health, Prometheus and the API docs
 */
@ConfigurationProperties("mindflow.security")
public record SecuritySettings(
        @DefaultValue("mindflow-auth") String issuer,
        @DefaultValue("mindflow-api") String audience,
        @DefaultValue("http://127.0.0.1:8081/.well-known/jwks.json") URI jwksUri,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("0s") Duration sessionCheckTtl,
        @DefaultValue("3s") Duration jwksTimeout,
        @DefaultValue List<String> publicPaths) {

    /** Always public: probes, metrics scraping, the API description. */
    public static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error");
}
