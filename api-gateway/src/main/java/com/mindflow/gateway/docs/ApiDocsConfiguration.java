package com.mindflow.gateway.docs;

import java.net.URI;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * API docs at the base URL: {@code GET /v3/api-docs} (and {@code .yaml}) is the merged description of every public
 * route ({@link ApiDocs}); Swagger UI (springdoc's webjar) at {@code /swagger-ui.html} shows it; {@code GET /} leads
 * there. Router functions are asked before springdoc's own (empty, the gateway has no controllers) endpoint and
 * before the routes, so these paths are the gateway's and never reach a service. No token is needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mindflow.gateway.api-docs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ApiDocsSettings.class)
public class ApiDocsConfiguration {

    static final MediaType OPENAPI_YAML = MediaType.parseMediaType("application/vnd.oai.openapi");

    @Bean
    ApiDocs apiDocs(RouteLocator routes, JsonMapper json, ApiDocsSettings settings,
            @Value("${mindflow.gateway.auth-uri}") URI auth, @Value("${mindflow.gateway.command-uri}") URI command,
            @Value("${mindflow.gateway.query-uri}") URI query, @Value("${mindflow.gateway.ai-uri}") URI ai) {
        return new ApiDocs(List.of(new ApiDocs.Service("auth-service", "Auth", auth),
                new ApiDocs.Service("command-service", "Command", command),
                new ApiDocs.Service("query-service", "Query", query),
                new ApiDocs.Service("ai-processing-service", "Ai", ai)), new GatewayRouting(routes), json, settings);
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes(ApiDocs docs,
            @Value("${springdoc.swagger-ui.path:/swagger-ui.html}") String swaggerUi) {
        return RouterFunctions.route()
                .GET("/v3/api-docs", request -> docs.document()
                        .flatMap(text -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(text)))
                .GET("/v3/api-docs.yaml", request -> docs.document()
                        .map(ApiDocsConfiguration::yaml)
                        .flatMap(text -> ServerResponse.ok().contentType(OPENAPI_YAML).bodyValue(text)))
                .GET("/", request -> ServerResponse.temporaryRedirect(URI.create(swaggerUi)).build())
                .build();
    }

    private static String yaml(String json) {
        try {
            return Yaml.mapper().writeValueAsString(Json.mapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the merged API description is not JSON", e);
        }
    }
}
