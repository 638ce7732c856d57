package com.mindflow.command.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for auth-service ({@code /api/me}, {@code /api/me/settings}) and query-service
 * ({@code /api/me/consent/history}) as a real HTTP server: it answers for the token's {@code sub} and refuses calls
 * without a bearer token, so the test sees that the export forwards the caller's own token. The real services are
 * exercised through the gateway by system-tests' DataExportIT.
 */
final class AccountServicesStub {

    private static final JsonMapper JSON = new JsonMapper();
    private static final AccountServicesStub INSTANCE = new AccountServicesStub();

    private final HttpServer server;

    private AccountServicesStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/me", this::answer);
        server.start();
    }

    static AccountServicesStub get() {
        return INSTANCE;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            send(exchange, 401, "{}");
            return;
        }
        String user = subject(authorization.substring("Bearer ".length()));
        String body = switch (exchange.getRequestURI().getPath()) {
            case "/api/me" -> """
                    {"id": "%s", "email": "writer-%s@example.com", "displayName": "Test Writer", "photoUrl": null,
                     "timezone": "UTC", "language": "en", "theme": "system", "emailVerified": false,
                     "createdAt": "2025-01-01T08:00:00Z", "lastLoginAt": null}""".formatted(user, user);
            case "/api/me/settings" -> """
                    {"autoSave": true, "privateMode": false, "emailWeeklyInsights": true,
                     "emailMonthlyInsights": true, "emailReminderToWrite": false}""";
            case "/api/me/consent/history" -> """
                    {"items": [{"at": "2025-01-01T08:00:00Z", "action": "ACCOUNT_CREATE",
                                "dataProcessingConsent": true, "marketingConsent": false}]}""";
            default -> null;
        };
        if (body == null) {
            send(exchange, 404, "{}");
        }
        else {
            send(exchange, 200, body);
        }
    }

    private static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readTree(payload).path("sub").asString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
