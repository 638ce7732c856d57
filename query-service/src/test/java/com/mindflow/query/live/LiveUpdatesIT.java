package com.mindflow.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.mindflow.query.support.QueryServiceIT;
import com.mindflow.support.live.JobProgress;
import com.mindflow.support.readside.JournalChangeNotice;
import com.mindflow.support.readside.ReadCacheKeys;

import tools.jackson.databind.JsonNode;

/** /ws: authenticated by the access_token parameter, tracked in ws:user:{id}, pushes only the user's own changes. */
class LiveUpdatesIT extends QueryServiceIT {

    private record Client(WebSocket socket, BlockingQueue<String> received) {
    }

    private Client connect(TestUser user) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + user.token()),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    received.add(partial.toString());
                                    partial.setLength(0);
                                }
                                webSocket.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        // Every socket is greeted once it is registered; pushes reach it from then on.
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"connected\"}");
        return new Client(socket, received);
    }

    @Test
    void aNoticeReachesEverySessionOfItsUserAndNoOtherUser() throws Exception {
        var alice = newUser();
        var bob = newUser();
        Client phone = connect(alice);
        Client laptop = connect(alice);
        Client bobs = connect(bob);
        String aliceKey = ReadCacheKeys.webSocketConnections(alice.id());
        assertThat(redis.opsForSet().size(aliceKey)).isEqualTo(2);
        assertThat(redis.getExpire(aliceKey)).isPositive();
        assertThat(redis.opsForSet().size(ReadCacheKeys.webSocketConnections(bob.id()))).isEqualTo(1);

        UUID entryId = UUID.randomUUID();
        String notice = JSON.writeValueAsString(
                new JournalChangeNotice(entryId, alice.id(), LocalDate.of(2025, 10, 25), 4, "updated"));
        redis.convertAndSend(ReadCacheKeys.journalChanges(alice.id()), notice);

        for (Client client : new Client[] { phone, laptop }) {
            String message = client.received().poll(5, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            JsonNode pushed = JSON.readTree(message);
            assertThat(pushed.path("type").asString()).isEqualTo("entry-changed");
            assertThat(pushed.path("entryId").asString()).isEqualTo(entryId.toString());
            assertThat(pushed.path("version").asLong()).isEqualTo(4);
            assertThat(pushed.path("change").asString()).isEqualTo("updated");
            assertThat(pushed.path("date").asString()).isEqualTo("2025-10-25");
        }
        assertThat(bobs.received().poll(1, TimeUnit.SECONDS)).isNull();

        laptop.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 5_000;
        while (redis.opsForSet().size(aliceKey) > 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(redis.opsForSet().size(aliceKey)).isEqualTo(1);
        phone.socket().abort();
        bobs.socket().abort();
    }

    @Test
    void exportAndImportProgressReachOnlyTheirUsersSessions() throws Exception {
        var alice = newUser();
        var bob = newUser();
        Client alices = connect(alice);
        Client bobs = connect(bob);
        UUID export = UUID.randomUUID();
        UUID journalImport = UUID.randomUUID();
        redis.convertAndSend(JobProgress.channel(alice.id()), JSON.writeValueAsString(
                new JobProgress(JobProgress.EXPORT, export, alice.id(), "running", 41, 1500, 3650)));
        redis.convertAndSend(JobProgress.channel(alice.id()), "{not json");
        redis.convertAndSend(JobProgress.channel(alice.id()), JSON.writeValueAsString(
                new JobProgress(JobProgress.IMPORT, journalImport, alice.id(), "completed", 100, 3000, 3000)));

        // Each message is dispatched on its own: two notices may arrive in either order (clients keep the latest
        // status by percent, and the GET stays the truth).
        Map<String, JsonNode> byType = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String message = alices.received().poll(5, TimeUnit.SECONDS);
            assertThat(message).isNotNull();
            JsonNode pushed = JSON.readTree(message);
            byType.put(pushed.path("type").asString(), pushed);
        }
        assertThat(byType).containsOnlyKeys("export-progress", "import-progress");
        JsonNode first = byType.get("export-progress");
        assertThat(first.path("id").asString()).isEqualTo(export.toString());
        assertThat(first.path("status").asString()).isEqualTo("running");
        assertThat(first.path("percent").asInt()).isEqualTo(41);
        assertThat(first.path("done").asLong()).isEqualTo(1500);
        assertThat(first.path("total").asLong()).isEqualTo(3650);
        assertThat(first.has("userId")).as("the user is the socket's own; never echoed").isFalse();
        JsonNode second = byType.get("import-progress");
        assertThat(second.path("id").asString()).isEqualTo(journalImport.toString());
        assertThat(second.path("status").asString()).isEqualTo("completed");
        assertThat(bobs.received().poll(1, TimeUnit.SECONDS)).isNull();
        alices.socket().abort();
        bobs.socket().abort();
    }

    @Test
    void theSocketIsClosedWhenTheTokenThatOpenedItExpires() throws Exception {
        UUID user = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        redis.opsForHash().putAll("session:" + sid, Map.of("userId", user.toString()));
        redis.expire("session:" + sid, Duration.ofMinutes(1));
        String shortLived = ISSUER.rs256(ISSUER.claims(user, sid)
                .expirationTime(Date.from(Instant.now().plusSeconds(2))).build());
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + shortLived),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void aHandshakeWithoutAValidTokenIsRefused() {
        for (String query : new String[] { "", "?access_token=not-a-token" }) {
            assertThatThrownBy(() -> HTTP.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + query), new WebSocket.Listener() {
                    })
                    .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(401));
        }
    }

    @Test
    void theQueryParameterTokenIsOnlyAcceptedOnTheWebSocketPath() {
        var alice = newUser();
        assertThat(get("/api/journals?access_token=" + alice.token(), null).statusCode()).isEqualTo(401);
        assertThat(get("/api/journals", alice).statusCode()).isEqualTo(200);
    }
}
