package com.mindflow.support.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Lets a service adjust the shared filter chain without replacing it: extra authorization rules (applied before the
 * final "everything else needs a token") and other {@link HttpSecurity} settings. Plain public paths are simpler as
 * {@code mindflow.security.public-paths}.
 */
public interface MindflowSecurityCustomizer {

    default void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
    }

    default void customize(HttpSecurity http) throws Exception {
    }
}
