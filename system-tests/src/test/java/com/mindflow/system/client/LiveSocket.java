package com.mindflow.system.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A device's /ws connection through the gateway (token as the access_token parameter, as browsers must). */
public final class LiveSocket implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;

    private LiveSocket(WebSocket socket, BlockingQueue<JsonNode> received) {
        this.socket = socket;
        this.received = received;
    }

    static LiveSocket open(HttpClient http, String baseUrl, String accessToken) {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws?access_token=" + accessToken);
        try {
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                received.add(JSON.readTree(partial.toString()));
                                partial.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            // The gateway completes the handshake before it has reached query-service: pushes are live only once
            // query-service greets the socket.
            JsonNode first = received.poll(30, TimeUnit.SECONDS);
            if (first == null || !first.path("type").asString().equals("connected")) {
                throw new IllegalStateException("no {\"type\":\"connected\"} greeting on " + uri.getPath()
                        + " within 30 s; got " + first);
            }
            return new LiveSocket(socket, received);
        }
        catch (Exception e) {
            throw new IllegalStateException("could not open " + uri.getPath(), e);
        }
    }

    /** Every message received until one matches {@code last} (included), or fails after {@code timeout}. */
    public List<JsonNode> until(Predicate<JsonNode> last, Duration timeout) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message != null) {
                seen.add(message);
                if (last.test(message)) {
                    return seen;
                }
            }
        }
        throw new AssertionError("no matching WebSocket message in " + timeout + "; received " + seen);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
