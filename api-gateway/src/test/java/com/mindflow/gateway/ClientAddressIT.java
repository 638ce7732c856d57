package com.mindflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

/**
 * One client-address rule: the services hear the connection's peer, or, only when the peer is a configured trusted
 * proxy (here an "ingress" at 127.0.2.x), the address that proxy forwarded. Each client has its own loopback source
 * address, as devices on the internet would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientAddressIT {

    /** Echoes the X-Forwarded-For it received. */
    private static final HttpServer SERVICE = echo();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String service = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        for (String name : new String[] { "auth", "command", "query", "ai" }) {
            registry.add("mindflow.gateway." + name + "-uri", () -> service);
        }
        registry.add("spring.cloud.gateway.server.webflux.trusted-proxies", () -> "127\\.0\\.2\\.\\d+");
        registry.add("mindflow.request-log.enabled", () -> "false");
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aClientCannotChooseItsAddressWithAForwardedHeader() throws Exception {
        assertThat(forwardedFor("127.0.1.7", "203.0.113.9")).isEqualTo("127.0.1.7");
        assertThat(forwardedFor("127.0.1.7", "203.0.113.9, 127.0.2.1")).isEqualTo("127.0.1.7");
    }

    @Test
    void withoutAHeaderTheServicesHearThePeer() throws Exception {
        assertThat(forwardedFor("127.0.1.8", null)).isEqualTo("127.0.1.8");
    }

    @Test
    void behindATrustedProxyTheServicesHearTheAddressItForwarded() throws Exception {
        assertThat(forwardedFor("127.0.2.1", "198.51.100.4")).isEqualTo("198.51.100.4");
        // A client's own entry to the left of what the ingress appended is not believed: the first untrusted
        // address from the right is the client.
        assertThat(forwardedFor("127.0.2.1", "203.0.113.66, 198.51.100.4, 127.0.2.9")).isEqualTo("198.51.100.4");
    }

    private String forwardedFor(String sourceAddress, String header) throws Exception {
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(sourceAddress))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search"))
                .timeout(Duration.ofSeconds(10));
        if (header != null) {
            request.header("X-Forwarded-For", header);
        }
        HttpResponse<String> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpServer echo() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
                byte[] body = (forwarded == null ? "" : forwarded).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
