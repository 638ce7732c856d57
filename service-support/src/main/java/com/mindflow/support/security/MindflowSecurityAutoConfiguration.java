package com.mindflow.support.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every MindFlow service is an OAuth2 resource server for auth-service's access tokens: RS256/ES256 signatures
 * checked against auth-service's JWKS (no other algorithm, so neither {@code alg: none} nor an HMAC signed with the
 * public key gets through), {@code exp}/{@code nbf}/{@code iss}/{@code aud}, a user-id subject, and a live session
 * in Redis. Stateless; no CSRF (bearer tokens are not sent by browsers on their own); 401/403 as problem+json.
 *
 * <p>Per request it costs neither an RSA check nor a Redis round trip once a token has been seen: the verified token
 * is kept until its {@code exp} ({@link CachingJwtDecoder}), and a confirmed session is trusted while auth-service's
 * revocations arrive by pub/sub ({@link LiveSessionValidator}, {@link SessionRevocationFeed}).
 *
 * <p>A service may replace {@link JwtDecoder} or the whole {@link SecurityFilterChain}, or adjust this one with
 * {@link MindflowSecurityCustomizer} beans and {@code mindflow.security.public-paths}.
 */
@AutoConfiguration(
        beforeName = {
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" },
        afterName = {
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecuritySettings.class)
public class MindflowSecurityAutoConfiguration {

    /** Declared before the decoder: a service with its own {@link JwtDecoder} (auth-service) needs neither. */
    @Bean
    @ConditionalOnMissingBean({ LiveSessionValidator.class, JwtDecoder.class })
    LiveSessionValidator liveSessionValidator(SecuritySettings settings, StringRedisTemplate redis) {
        return settings.revocationsPushed()
                ? LiveSessionValidator.pushed(key -> sessionExists(redis, key), settings)
                : new LiveSessionValidator(key -> sessionExists(redis, key), Duration.ZERO);
    }

    @Bean
    @ConditionalOnBean(LiveSessionValidator.class)
    @ConditionalOnMissingBean
    SessionRevocationFeed sessionRevocationFeed(LiveSessionValidator sessions, RedisConnectionFactory connections,
            StringRedisTemplate redis, SecuritySettings settings) {
        return new SessionRevocationFeed(sessions, connections, redis, settings.sessionRevocationChannel(),
                settings.sessionRevocationHeartbeat());
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecuritySettings settings, LiveSessionValidator liveSessions) {
        SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
        http.setConnectTimeout(settings.jwksTimeout());
        http.setReadTimeout(settings.jwksTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.jwksUri().toString())
                .jwsAlgorithms(algorithms -> {
                    algorithms.clear();
                    algorithms.add(SignatureAlgorithm.RS256);
                    algorithms.add(SignatureAlgorithm.ES256);
                })
                .restOperations(new RestTemplate(http))
                .build();
        if (settings.tokenCacheSize() <= 0) {
            decoder.setJwtValidator(TokenValidators.of(settings, liveSessions));
            return decoder;
        }
        // The RSA/EC check once per token, the claim rules on every use, the session on every request.
        OAuth2TokenValidator<Jwt> claims = TokenValidators.claims(settings);
        decoder.setJwtValidator(claims);
        return new CachingJwtDecoder(decoder, claims, liveSessions, settings.tokenCacheSize());
    }

    /**
     * No Micrometer observations of the filter chain, authentication and authorization: nobody reads them, and they
     * cost on every request ({@code http.server.requests} stays).
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** A store failure here is answered 503 by {@link LiveSessionValidator} (never 401, which would log out). */
    private static boolean sessionExists(StringRedisTemplate redis, String key) {
        return Boolean.TRUE.equals(redis.hasKey(key));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain mindflowSecurityFilterChain(HttpSecurity http, SecuritySettings settings, JwtDecoder decoder,
            ObjectProvider<JsonMapper> json, ObjectProvider<MindflowSecurityCustomizer> customizers)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json.getIfAvailable(JsonMapper::new));
        List<String> publicPaths = new ArrayList<>(SecuritySettings.ALWAYS_PUBLIC);
        publicPaths.addAll(settings.publicPaths());
        List<MindflowSecurityCustomizer> all = customizers.orderedStream().toList();

        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
                    all.forEach(c -> c.authorize(requests));
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new TokenToUser()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                // The default handler rethrows "could not check" failures as a 500.
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new UserIdMdcFilter(), BearerTokenAuthenticationFilter.class);
        for (MindflowSecurityCustomizer customizer : all) {
            customizer.customize(http);
        }
        return http.build();
    }

    @Configuration(proxyBeanMethods = false)
    static class CurrentUserWebConfiguration implements WebMvcConfigurer {

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new CurrentUserArgumentResolver());
        }
    }
}
