package com.mindflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.events.Topics;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.events.ops.RequestLogHeaders;
import com.mindflow.testsupport.LocalStack;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway in front of a stub service (a real HTTP server on loopback that, like service-support, answers the user
 * whose token it accepted and the route it matched in internal headers) and the real Kafka of the local stack: exactly
 * one request log record per client request, with the service's user, without search text or secrets; the internal
 * headers never reach the client and a client cannot set them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestLogIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final OpsCodec OPS = new OpsCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BEARER = "Bearer user-";
    private static final HttpServer SERVICE = stub();
    private static final int NOTHING_LISTENS = freePort();
    private static final List<ApiRequestRecord> RECORDS = new ArrayList<>();
    private static KafkaConsumer<String, String> consumer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String service = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        for (String name : new String[] { "auth", "command", "query" }) {
            registry.add("mindflow.gateway." + name + "-uri", () -> service);
        }
        registry.add("mindflow.gateway.ai-uri", () -> "http://127.0.0.1:" + NOTHING_LISTENS);
        registry.add("spring.kafka.bootstrap-servers", () -> LocalStack.servers().kafkaBootstrapServers());
        // The test client plays an ingress on loopback, so the address it forwards is the client's.
        registry.add("spring.cloud.gateway.server.webflux.trusted-proxies", () -> "127\\.0\\.0\\.1");
    }

    @BeforeAll
    static void readTheTopicFromNowOn() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.servers().kafkaBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.API_REQUESTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
        consumer.close();
    }

    @LocalServerPort
    int port;

    @Test
    void oneRecordWithTheServicesUserNoSearchTextSecretsMaskedAndNoInternalHeaderForTheClient() throws Exception {
        UUID user = UUID.randomUUID();
        UUID spoofed = UUID.randomUUID();
        String correlation = "it-" + UUID.randomUUID();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/search?q=my+private+diary"
                        + "&prefix=secr&tag=grief&limit=5&access_token=leaked-token&Password=leaked-password"))
                .header("Authorization", BEARER + user)
                .header("Cookie", "session=leaked-cookie")
                .header("User-Agent", "RequestLogIT")
                .header("X-Request-Id", correlation)
                .header("X-Forwarded-For", "203.0.113.9")
                .header(RequestLogHeaders.USER_ID, spoofed.toString())
                .header(RequestLogHeaders.ROUTE, "/spoofed")
                .header(RequestLogHeaders.API_REQUEST_ID, "spoofed-id")
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-mindflow"));
        JsonNode received = JSON.readTree(response.body());
        assertThat(received.path("user").asString()).as("the client's value never reaches the service").isEmpty();
        assertThat(received.path("route").asString()).isEmpty();
        String apiRequestId = received.path("apiRequestId").asString();
        assertThat(apiRequestId).matches("[0-9a-f-]{36}");

        ApiRequestRecord record = theOnlyRecordOf(correlation);
        assertThat(OPS.write(record)).doesNotContain("private", "diary", "secr", "grief", "leaked", "Bearer",
                spoofed.toString(), "/spoofed");
        assertThat(record.requestId()).as("the id the service's ERROR records carry").isEqualTo(apiRequestId);
        assertThat(record.correlationId()).isEqualTo(correlation);
        assertThat(record.service()).isEqualTo("api-gateway");
        assertThat(record.method()).isEqualTo("GET");
        assertThat(record.path()).isEqualTo("/api/search");
        assertThat(record.route()).as("the path pattern the service matched").isEqualTo("/api/search");
        assertThat(record.query()).containsExactlyInAnyOrderEntriesOf(Map.of("limit", "5", "access_token", "***",
                "Password", "***"));
        assertThat(record.headers()).containsOnlyKeys("user-agent").containsEntry("user-agent", "RequestLogIT");
        assertThat(record.statusCode()).isEqualTo(200);
        assertThat(record.responseTime()).isBetween(0L, 10_000L);
        assertThat(record.responseSize()).isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(record.userId()).isEqualTo(user);
        assertThat(record.ipAddress()).as("the peer (loopback) is a trusted proxy").isEqualTo("203.0.113.9");
        assertThat(record.error()).isNull();
    }

    @Test
    void aClientCannotNameAUserTheServiceDidNotAccept() throws Exception {
        String correlation = "it-" + UUID.randomUUID();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/journals/42"))
                .header("X-Request-Id", correlation).header(RequestLogHeaders.USER_ID, UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"content\":\"private words\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("user").asString()).isEmpty();
        ApiRequestRecord record = theOnlyRecordOf(correlation);
        assertThat(record.userId()).isNull();
        assertThat(record.method()).isEqualTo("PATCH");
        assertThat(record.route()).isEqualTo("/api/journals/{id}");
        assertThat(record.headers()).containsEntry("content-type", "application/json");
        assertThat(OPS.write(record)).doesNotContain("private words");
    }

    @Test
    void theGatewaysOwnAnswersAreRecordedTooAndAServiceFailureByItsStatus() throws Exception {
        String notFound = "it-" + UUID.randomUUID();
        assertThat(send("GET", "/api/nothing?q=private", notFound).statusCode()).isEqualTo(404);
        String unreachable = "it-" + UUID.randomUUID();
        assertThat(send("POST", "/api/insights", unreachable).statusCode()).isEqualTo(503);
        String failed = "it-" + UUID.randomUUID();
        assertThat(send("GET", "/api/journals/fail", failed).statusCode()).isEqualTo(500);

        ApiRequestRecord none = theOnlyRecordOf(notFound);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.route()).isNull();
        assertThat(none.query()).isEmpty();
        assertThat(none.responseSize()).isPositive();
        assertThat(none.error()).isNull();

        ApiRequestRecord down = theOnlyRecordOf(unreachable);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.route()).as("no service answered: the gateway's route id").isEqualTo("insight-writes");
        assertThat(down.error().name()).contains("Connect");

        ApiRequestRecord error = theOnlyRecordOf(failed);
        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.route()).isEqualTo("/api/journals/{id}");
        assertThat(error.error().name()).isEqualTo("Internal Server Error");
        assertThat(error.error().stack()).isNull();
    }

    @Test
    void healthProbesAreNotRecorded() throws Exception {
        String health = "it-" + UUID.randomUUID();
        assertThat(send("GET", "/readyz", health).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/livez", health).statusCode()).isEqualTo(200);
        String marker = "it-" + UUID.randomUUID();
        send("GET", "/api/tags", marker);

        theOnlyRecordOf(marker);
        assertThat(RECORDS).noneMatch(record -> health.equals(record.correlationId()));
    }

    /** Waits for the record of the request, then a while longer: there must be no second one. */
    private static ApiRequestRecord theOnlyRecordOf(String correlation) {
        Predicate<ApiRequestRecord> ofIt = record -> correlation.equals(record.correlationId());
        await(records -> records.stream().anyMatch(ofIt), Duration.ofSeconds(20));
        await(records -> false, Duration.ofMillis(500));
        List<ApiRequestRecord> found = RECORDS.stream().filter(ofIt).toList();
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    private static void await(Predicate<List<ApiRequestRecord>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(RECORDS) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                RECORDS.add(OPS.readApiRequest(record.value()));
            }
        }
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String requestId)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("X-Request-Id", requestId).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /**
     * A stand-in service: answers with the internal headers it received; like service-support, it answers the user
     * of an accepted token ({@code Bearer user-<id>}) and the route pattern it matched; {@code /api/journals/fail}
     * fails with 500.
     */
    private static HttpServer stub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                Map<String, String> echo = new LinkedHashMap<>();
                String user = exchange.getRequestHeaders().getFirst(RequestLogHeaders.USER_ID);
                echo.put("user", user == null ? "" : user);
                String route = exchange.getRequestHeaders().getFirst(RequestLogHeaders.ROUTE);
                echo.put("route", route == null ? "" : route);
                String apiRequestId = exchange.getRequestHeaders().getFirst(RequestLogHeaders.API_REQUEST_ID);
                echo.put("apiRequestId", apiRequestId == null ? "" : apiRequestId);
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization != null && authorization.startsWith(BEARER)) {
                    exchange.getResponseHeaders().set(RequestLogHeaders.USER_ID,
                            authorization.substring(BEARER.length()));
                }
                String path = exchange.getRequestURI().getPath();
                exchange.getResponseHeaders().set(RequestLogHeaders.ROUTE,
                        path.startsWith("/api/journals/") ? "/api/journals/{id}" : path);
                byte[] body = JSON.writeValueAsString(echo).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(path.equals("/api/journals/fail") ? 500 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot start the stub service", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
