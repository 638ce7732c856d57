package com.mindflow.auth.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the running auth-service, as one device at one address. By default every request carries the same
 * {@code X-Forwarded-For} (as the gateway would send) and {@code User-Agent}, so per-address rate limits of one test
 * don't leak into another; the address is only a header value, nothing is sent to it. {@link #ownLoopbackAddress()}
 * gives a client that really connects from an address of its own instead, with no forwarded header at all.
 */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = new JsonMapper();

    private final String baseUrl;
    private final String clientIp;
    private final String userAgent;
    private final HttpClient http;
    private final boolean forwarded;

    public Api(String baseUrl) {
        this(baseUrl, randomIp(), "MindFlowTest/" + ThreadLocalRandom.current().nextInt(1000));
    }

    public Api(String baseUrl, String clientIp, String userAgent) {
        this(baseUrl, clientIp, userAgent, HTTP, true);
    }

    private Api(String baseUrl, String clientIp, String userAgent, HttpClient http, boolean forwarded) {
        this.baseUrl = baseUrl;
        this.clientIp = clientIp;
        this.userAgent = userAgent;
        this.http = http;
        this.forwarded = forwarded;
    }

    /**
     * Same service, another device that connects from a random loopback address of its own (all of 127/8 is this
     * machine; 127.100-199.x.x is clear of the ranges the system tests use) and sends no forwarded header: the address
     * the service sees is the connection's, as for a client that reaches it directly.
     */
    public Api ownLoopbackAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String ip = "127." + (100 + r.nextInt(100)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        try {
            HttpClient own = HttpClient.newBuilder().localAddress(InetAddress.getByName(ip))
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return new Api(baseUrl, ip, "MindFlowTest/" + r.nextInt(1000), own, false);
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same service, another device at another address. */
    public Api anotherDevice() {
        return new Api(baseUrl);
    }

    public String clientIp() {
        return clientIp;
    }

    public String userAgent() {
        return userAgent;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, Object body, String token) {
        return send(json(request(path, token), body, "POST"));
    }

    public Response post(String path, Object body) {
        return post(path, body, null);
    }

    public Response put(String path, Object body, String token) {
        return send(json(request(path, token), body, "PUT"));
    }

    public Response patch(String path, Object body, String token) {
        return send(json(request(path, token), body, "PATCH"));
    }

    public Response delete(String path, Object body, String token) {
        HttpRequest.Builder builder = request(path, token);
        return send(body == null ? builder.DELETE() : json(builder, body, "DELETE"));
    }

    /** Sends a raw body with the given content type, e.g. to test parsing and media-type refusals. */
    public Response raw(String method, String path, String contentType, String body) {
        return send(request(path, null).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Sends a body without a Content-Length (chunked), as a proxy may. */
    public Response chunked(String path, String body) {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(request(path, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("User-Agent", userAgent);
        if (forwarded) {
            builder.header("X-Forwarded-For", clientIp);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, Object body, String method) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.18." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /** A response with its body parsed as JSON when there is one. */
    public record Response(int status, HttpResponse<String> raw, String body) {

        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        /** The first field named in the problem's {@code errors}, or null. */
        public String field() {
            JsonNode errors = json().get("errors");
            return errors == null || errors.isEmpty() ? null : errors.get(0).get("field").asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
