package com.mindflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.testsupport.LocalStack;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of four stub services (real HTTP servers on loopback that answer with their own name and what
 * they received): every routing rule, request-id propagation, and the gateway's own problem+json answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, HttpServer> BACKENDS = new LinkedHashMap<>();

    static {
        for (String name : new String[] { "auth", "command", "query", "ai" }) {
            BACKENDS.put(name, stub(name));
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        BACKENDS.forEach((name, server) -> registry.add("mindflow.gateway." + name + "-uri",
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
        // The request log's Kafka (RequestLogIT checks the records).
        registry.add("spring.kafka.bootstrap-servers", () -> LocalStack.servers().kafkaBootstrapServers());
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST,   /api/journals,                       command",
            "PUT,    /api/journals/2f0c6c1e-1111-4111-8111-111111111111, command",
            "PATCH,  /api/journals/2f0c6c1e-1111-4111-8111-111111111111, command",
            "DELETE, /api/journals/2f0c6c1e-1111-4111-8111-111111111111, command",
            "POST,   /api/journals/2f0c6c1e-1111-4111-8111-111111111111/attachments, command",
            "GET,    /api/journals,                       query",
            "GET,    /api/journals/2f0c6c1e-1111-4111-8111-111111111111, query",
            "GET,    /api/journals/2f0c6c1e-1111-4111-8111-111111111111/similar?limit=5, query",
            "GET,    /api/search?q=sunrise,               query",
            "GET,    /api/search?q=sunrise&mode=hybrid,   query",
            "POST,   /api/journal/ask,                    query",
            "GET,    /api/tags,                           query",
            "GET,    /api/moods/calendar,                 query",
            "GET,    /api/me/stats,                       query",
            "GET,    /api/me/activity,                    query",
            "GET,    /api/me/consent/history,             query",
            "POST,   /api/me/export,                      command",
            "GET,    /api/me/export/2f0c6c1e-1111-4111-8111-111111111111, command",
            "POST,   /api/me/imports,                     command",
            "GET,    /api/me/imports/2f0c6c1e-1111-4111-8111-111111111111, command",
            "GET,    /api/me/imports/2f0c6c1e-1111-4111-8111-111111111111/results, command",
            "GET,    /api/insights,                       query",
            "GET,    /api/insights/weekly/latest,         query",
            "GET,    /ws/notifications,                   query",
            "POST,   /api/insights,                       ai",
            "POST,   /api/insights/weekly/generate,       ai",
            "DELETE, /api/insights/2f0c6c1e-1111-4111-8111-111111111111, ai",
            "POST,   /api/auth/register,                  auth",
            "POST,   /api/auth/login,                     auth",
            "POST,   /api/auth/refresh,                   auth",
            "GET,    /.well-known/jwks.json,              auth",
            "GET,    /api/me,                             auth",
            "PATCH,  /api/me,                             auth",
            "GET,    /api/me/settings,                    auth",
            "PUT,    /api/me/settings,                    auth",
            "GET,    /api/me/consent,                     auth",
            "PUT,    /api/me/consent,                     auth",
            "POST,   /api/me/stats,                       auth",
    })
    void routesByPathAndMethod(String method, String pathAndQuery, String backend) throws Exception {
        HttpResponse<String> response = send(method, pathAndQuery, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode echo = JSON.readTree(response.body());
        assertThat(echo.path("backend").asString()).isEqualTo(backend);
        assertThat(echo.path("method").asString()).isEqualTo(method);
        assertThat(echo.path("path").asString()).isEqualTo(pathAndQuery);
    }

    @Test
    void forwardsTheClientsRequestIdAndEchoesIt() throws Exception {
        HttpResponse<String> response = send("GET", "/api/journals", "client-id-42");

        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("client-id-42");
        assertThat(JSON.readTree(response.body()).path("requestId").asString()).isEqualTo("client-id-42");
    }

    @Test
    void createsARequestIdWhenMissingOrUnacceptable() throws Exception {
        for (String incoming : new String[] { null, "bad id with spaces" }) {
            HttpResponse<String> response = send("POST", "/api/journals", incoming);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(JSON.readTree(response.body()).path("requestId").asString()).isEqualTo(id);
        }
    }

    @Test
    void forwardsTheAuthorizationHeaderUntouched() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/journals"))
                .header("Authorization", "Bearer abc.def.ghi").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(response.body()).path("authorization").asString()).isEqualTo("Bearer abc.def.ghi");
    }

    @Test
    void unknownRouteIs404ProblemJson() throws Exception {
        for (String[] call : new String[][] { { "GET", "/api/nothing" }, { "POST", "/api/tags" },
                { "GET", "/api/journal/ask" },
                { "GET", "/index.html" } }) {
            HttpResponse<String> response = send(call[0], call[1], "r-404");
            assertThat(response.statusCode()).as(call[1]).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(404);
            assertThat(problem.path("requestId").asString()).isEqualTo("r-404");
        }
    }

    @Test
    void unreachableServiceIs503ProblemJson() throws Exception {
        HttpServer ai = BACKENDS.get("ai");
        // Stop the stub, then bring it back on the same port for the other tests.
        int aiPort = ai.getAddress().getPort();
        ai.stop(0);
        try {
            HttpResponse<String> response = send("POST", "/api/insights", "r-503");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        }
        finally {
            BACKENDS.put("ai", stub("ai", aiPort));
        }
    }

    @Test
    void answersItsOwnReadinessProbeWhateverTheServices() throws Exception {
        HttpResponse<String> readiness = send("GET", "/readyz", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(readiness.body()).path("status").asString()).isEqualTo("UP");
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String requestId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.header("Content-Type", "application/json");
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static HttpServer stub(String name) {
        return stub(name, 0);
    }

    /** A stand-in service: answers every request with its name and what it received. */
    private static HttpServer stub(String name, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                Map<String, String> echo = new LinkedHashMap<>();
                echo.put("backend", name);
                echo.put("method", exchange.getRequestMethod());
                echo.put("path", exchange.getRequestURI().toString());
                String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
                echo.put("requestId", requestId == null ? "" : requestId);
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                echo.put("authorization", authorization == null ? "" : authorization);
                byte[] body = JSON.writeValueAsString(echo).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (requestId != null) {
                    exchange.getResponseHeaders().set("X-Request-Id", requestId);
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot start the " + name + " stub", e);
        }
    }
}
