package com.mindflow.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token contract shared with every service (same property names as service-support's resource server).
 *
 * @param issuer   value of {@code iss} in every access token
 * @param audience value of {@code aud} in every access token
 */
@ConfigurationProperties("mindflow.security")
public record SecuritySettings(
        @DefaultValue("mindflow-auth") String issuer,
        @DefaultValue("mindflow-api") String audience) {
}
