package com.mindflow.system.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of MindFlow's one base URL, as a web or mobile client would use it: JSON over HTTP with a bearer token. */
public final class MindFlowClient {

    private static final JsonMapper JSON = new JsonMapper();

    /** Source addresses handed out so far: each client connects from its own loopback address. */
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /**
     * Each client is its own device: it connects from an address of its own in 127.0.4.0 and up (all of 127/8 is
     * this machine), so the per-address limits of sign-up and login apply per client as in production. No
     * forwarded header: the gateway believes none from a client.
     */
    private final InetAddress clientAddress = nextLoopbackAddress();
    private final HttpClient http = HttpClient.newBuilder().localAddress(clientAddress)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String accessToken;
    private String password;

    public MindFlowClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs up a fresh user with a unique email and signs in; returns the email. */
    public String registerAndLogin() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple " + UUID.randomUUID();
        Response registered = post("/api/auth/register", Map.of(
                "email", email,
                "password", password,
                "displayName", "Test Writer",
                "timezone", "Europe/Lisbon",
                "language", "en",
                "consent", Map.of("termsVersion", "v1.0", "privacyPolicyVersion", "v1.0",
                        "dataProcessing", true, "marketing", false)));
        registered.expect(201);
        Response login = post("/api/auth/login", Map.of("email", email, "password", password));
        login.expect(200);
        accessToken = login.json().get("accessToken").asString();
        this.password = password;
        return email;
    }

    /**
     * The same signed-in user on another base URL: one instance of a service, past the gateway (the services
     * check the access token themselves), from a source address of its own.
     */
    public MindFlowClient at(String otherBaseUrl) {
        MindFlowClient client = new MindFlowClient(otherBaseUrl);
        client.accessToken = accessToken;
        client.password = password;
        return client;
    }

    /** The signed-in user's id, from {@code GET /api/me}. */
    public String userId() {
        return get("/api/me").expect(200).json().get("id").asString();
    }

    /** Erases the account ({@code DELETE /api/me}, confirmed with the password). */
    public Response deleteAccount() {
        return send(request("/api/me").header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("password", password)))).build());
    }

    /** This device's live-updates socket, signed in with the current access token. */
    public LiveSocket openLiveSocket() {
        return LiveSocket.open(http, baseUrl, accessToken);
    }

    /** The address this client connects from. */
    public String address() {
        return clientAddress.getHostAddress();
    }

    private static InetAddress nextLoopbackAddress() {
        int n = CLIENTS.getAndIncrement();
        byte[] address = { 127, 0, (byte) (4 + n / 250 % 200), (byte) (1 + n % 250) };
        try {
            return InetAddress.getByAddress(address);
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** A replacement guarded by the version the client last saw ({@code If-Match}). */
    public Response put(String path, Object body, String ifMatch) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return send(builder.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** A multipart upload with the file in part {@code file}, as a browser form would send it. */
    public Response upload(String path, String fileName, byte[] bytes) {
        String boundary = "mindflow-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return send(request(path).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(bytes), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build());
    }

    /**
     * Any request at all, as a fuzzer makes them: {@code pathAndQuery} is sent as given (already encoded),
     * {@code body} and {@code contentType} may be null; {@code signedIn} false leaves the token out.
     */
    public Response raw(String method, String pathAndQuery, String contentType, byte[] body, boolean signedIn) {
        HttpRequest.Builder builder = signedIn ? request(pathAndQuery)
                : HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(15));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json, application/problem+json");
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        }
        catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, body and headers. */
    public record Response(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }
}
