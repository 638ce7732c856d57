package com.mindflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that dies in the middle of a request (it read the request, then its connection closed or was reset
 * without an answer) is an outage: 503 problem+json with Retry-After, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamFailureIT {

    private static final ServerSocket DYING = dyingService();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String service = "http://127.0.0.1:" + DYING.getLocalPort();
        for (String name : new String[] { "auth", "command", "query", "ai" }) {
            registry.add("mindflow.gateway." + name + "-uri", () -> service);
        }
        registry.add("mindflow.request-log.enabled", () -> "false");
    }

    @AfterAll
    static void stop() throws IOException {
        DYING.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aServiceDyingMidRequestIsA503WithRetryAfter() throws Exception {
        for (String method : new String[] { "GET", "POST" }) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/journals")).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains("service-unavailable");
        }
    }

    /** Accepts, reads the request head, then drops the connection: reset (SO_LINGER 0) or plain close in turn. */
    private static ServerSocket dyingService() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                boolean reset = true;
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        InputStream in = socket.getInputStream();
                        byte[] buffer = new byte[4096];
                        in.read(buffer);
                        if (reset) {
                            socket.setSoLinger(true, 0);
                        }
                        reset = !reset;
                    }
                    catch (IOException e) {
                        // closed at the end of the test
                    }
                }
            });
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
