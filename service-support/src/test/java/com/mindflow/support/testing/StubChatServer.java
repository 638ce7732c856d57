package com.mindflow.support.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in OpenAI-compatible language model for tests: the JDK's HTTP server on 127.0.0.1 (ephemeral port)
 * answering {@code POST /v1/chat/completions} with a canned completion, and recording the body of every request it
 * receives, on any path, so a test can assert what MindFlow sent (and what it never sent). {@link #failing()} answers
 * 500, {@link #slow(Duration)} answers only after the delay (past the client's timeout).
 */
public final class StubChatServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("stub-chat-", 0).daemon().factory());
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile String answer = "A canned answer from the stub language model.";
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;

    private StubChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static StubChatServer start() {
        try {
            return new StubChatServer();
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot start the stub language model", e);
        }
    }

    /** What {@code mindflow.language-model.base-url} is set to. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /**
     * The settings that point a service at this stub ({@code mindflow.language-model.*}: URL, model {@code stub-model},
     * a 2 s timeout), for a test's {@code @DynamicPropertySource}.
     */
    public Map<String, String> springProperties() {
        return Map.of("mindflow.language-model.base-url", baseUrl(), "mindflow.language-model.model", "stub-model",
                "mindflow.language-model.timeout", "2s");
    }

    /** Every request body received so far, in order. */
    public List<String> requests() {
        return List.copyOf(bodies);
    }

    /** Back to answering {@code text} at once with 200; the recorded requests are forgotten. */
    public StubChatServer answering(String text) {
        answer = text;
        status = 200;
        delay = Duration.ZERO;
        bodies.clear();
        return this;
    }

    public StubChatServer failing() {
        status = 500;
        delay = Duration.ZERO;
        return this;
    }

    public StubChatServer slow(Duration wait) {
        status = 200;
        delay = wait;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            boolean chat = "POST".equals(exchange.getRequestMethod())
                    && exchange.getRequestURI().getPath().equals("/v1/chat/completions");
            int code = chat ? status : 404;
            byte[] body = (code == 200 ? completion(answer) : "{\"error\":{\"message\":\"stub says no\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (IOException e) {
            // the client gave up (timeout) and closed the connection: nothing to answer
        }
    }

    private static String completion(String text) {
        return """
                {"id":"chatcmpl-stub","object":"chat.completion","created":1767225600,"model":"stub",\
                "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}"""
                .formatted(JSON.writeValueAsString(text));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
