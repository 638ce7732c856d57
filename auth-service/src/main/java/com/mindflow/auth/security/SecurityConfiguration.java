package com.mindflow.auth.security;

import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import com.mindflow.auth.SecuritySettings;
import com.mindflow.auth.session.Sessions;
import com.mindflow.auth.token.KeyRing;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The auth-service checks its own access tokens exactly as every other service does (service-support's contract):
 * RS256/ES256 only, signature by a published key, {@code exp}/{@code nbf}, {@code iss}, {@code aud}, the required
 * claims, and a live {@code session:{sid}} in Redis. Only the key source differs: the keys are read from the local
 * key ring instead of fetching this service's own JWKS over HTTP.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    @Bean
    JwtDecoder jwtDecoder(KeyRing keys, SecuritySettings contract, Sessions sessions) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED, keys.verificationKeys()));
        // Claims are checked once, by Spring's validators below, with the same rules as in every service.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(contract.issuer()),
                audience(contract.audience()),
                requiredClaims(),
                liveSession(sessions)));
        return decoder;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler accessDenied) throws Exception {
        http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        .requestMatchers("/api/auth/logout").authenticated()
                        .requestMatchers("/api/auth/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o.jwt(jwt -> {
                }).authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
        return http.build();
    }

    static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : failure("The token is not meant for this audience");
    }

    static OAuth2TokenValidator<Jwt> requiredClaims() {
        return jwt -> {
            for (String claim : List.of("sub", "sid", "jti", "iat", "exp")) {
                if (!jwt.hasClaim(claim)) {
                    return failure("The token lacks the " + claim + " claim");
                }
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /** A token of a logged-out or revoked session is dead even before it expires. */
    static OAuth2TokenValidator<Jwt> liveSession(Sessions sessions) {
        return jwt -> {
            String sid = jwt.getClaimAsString("sid");
            return sid != null && sessions.isLive(sid) ? OAuth2TokenValidatorResult.success()
                    : failure("The session of this token has ended");
        };
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
