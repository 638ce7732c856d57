package com.mindflow.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every MindFlow service must do once started against the real servers: be ready (every store it uses answers),
 * expose Prometheus metrics and its OpenAPI document, log JSON, and refuse an anonymous call with 401 problem+json.
 * A service's smoke IT extends this with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and its servers.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class ServiceSmokeChecks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Value("${spring.application.name}")
    protected String applicationName;

    /** Health components the readiness group must contain, e.g. {@code db}, {@code kafka}. */
    protected abstract Set<String> readinessComponents();

    /** A path a client would call that needs a token. */
    protected String protectedPath() {
        return "/api/ping";
    }

    @Test
    void isReadyWithEveryStoreItUses() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        List<String> components = health.path("components").propertyNames().stream().toList();
        assertThat(components).contains("readinessState").containsAll(readinessComponents());
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"" + applicationName + "\"");
    }

    @Test
    void publishesItsOpenApiDocumentAndSwaggerUi() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(docs.body());
        assertThat(document.path("openapi").asString()).startsWith("3.");
        List<String> undescribed = document.path("components").path("schemas").properties().stream()
                .filter(schema -> schema.getValue().path("description").asString("").isBlank())
                .map(Map.Entry::getKey).toList();
        assertThat(undescribed).as("schemas without a description (@Schema(description = ...))").isEmpty();
        assertThat(get("/swagger-ui.html").statusCode()).isBetween(200, 399);
    }

    @Test
    void refusesAnAnonymousCallWithProblemJson() throws Exception {
        String requestId = "smoke-" + UUID.randomUUID();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(protectedPath()))
                .header("X-Request-Id", requestId).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("requestId").asString()).isEqualTo(requestId);
    }

    /**
     * Behind api-gateway (the default) the gateway writes the one record of a client request: the service sends none of
     * its own and only answers the gateway in internal headers (no user for an anonymous call).
     */
    @Test
    void leavesTheRequestLogToTheGateway() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(protectedPath()))
                .header("X-Mindflow-Api-Request-Id", "smoke-" + UUID.randomUUID()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Mindflow-User-Id")).isEmpty();
        Thread.sleep(1_000);
        assertThat(get("/actuator/prometheus").body().lines().filter(line -> line.startsWith("mindflow_request_log_")
                && line.contains("topic=\"mindflow.api-requests.v1\""))).as("no request record sent").isEmpty();
    }

    @Test
    void logsJsonLinesWithServiceAndRequestId(CapturedOutput output) {
        String marker = "smoke-log-" + UUID.randomUUID();
        MDC.put("requestId", marker);
        try {
            LoggerFactory.getLogger(getClass()).info("smoke check {}", marker);
        }
        finally {
            MDC.remove("requestId");
        }
        String line = output.getOut().lines().filter(l -> l.contains("smoke check " + marker)).findFirst()
                .orElseThrow();
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("@timestamp").isMissingNode()).isFalse();
        assertThat(json.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(json.path("service").path("name").asString()).isEqualTo(applicationName);
        assertThat(json.path("requestId").asString()).isEqualTo(marker);
    }

    protected HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
