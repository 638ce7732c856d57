package com.mindflow.auth.security;

import java.time.Duration;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.mindflow.auth.session.Sessions;
import com.mindflow.auth.token.KeyRing;
import com.mindflow.support.security.LiveSessionValidator;
import com.mindflow.support.security.SecuritySettings;
import com.mindflow.support.security.TokenValidators;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The auth-service uses service-support's filter chain (public paths in application.yml) and its token rules
 * ({@link TokenValidators}): RS256/ES256 only, exp/nbf, iss, aud, a user-id subject, a live {@code session:{sid}}.
 * It replaces only the decoder's key source: its own key ring instead of fetching its own JWKS over HTTP. And it
 * trusts no cached session answer, so a logout here is refused on the very next request.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    @Bean
    JwtDecoder jwtDecoder(KeyRing keys, SecuritySettings contract, Sessions sessions) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED, keys.verificationKeys()));
        // Claims are checked once, by the shared validators below, exactly as in every other service.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(TokenValidators.of(contract,
                new LiveSessionValidator(sessions::existsKey, Duration.ZERO)));
        return decoder;
    }
}
