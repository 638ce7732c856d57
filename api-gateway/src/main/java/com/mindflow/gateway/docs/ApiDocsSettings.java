package com.mindflow.gateway.docs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merged API description ({@link ApiDocs}).
 *
 * @param enabled  whether the gateway serves {@code /v3/api-docs} and Swagger UI at all
 * @param cacheTtl how long a merged document is served before the services are asked again; when they cannot be
 *                 reached then, the last document is served on
 * @param timeout  how long one service may take to answer its {@code /v3/api-docs}
 */
@ConfigurationProperties("mindflow.gateway.api-docs")
public record ApiDocsSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("5s") Duration timeout) {
}
