package com.mindflow.query.live;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.mindflow.query.changes.JournalChangeListener;
import com.mindflow.support.live.JobProgress;
import com.mindflow.support.readside.JournalChangeNotice;
import com.mindflow.support.readside.ReadCacheKeys;
import com.mindflow.support.security.AuthenticatedUser;

import tools.jackson.databind.json.JsonMapper;

/**
 * The /ws sessions of this instance, by user, mirrored in the seed's {@code ws:user:{userId}} set (connection ids are
 * {@code <instance>:<session>} so several instances can share it). Change notices are pushed only to the sessions of
 * the notice's user, and so is the progress of the user's data exports and journal imports. Clients only listen: anything they send is ignored.
 */
@Component
class LiveConnections extends TextWebSocketHandler implements JournalChangeListener, DisposableBean {

    static final String USER_ATTRIBUTE = "mindflow.user";
    static final String EXPIRES_ATTRIBUTE = "mindflow.tokenExpiresAt";
    static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("access token expired");
    static final CloseStatus LOGGED_OUT = CloseStatus.POLICY_VIOLATION.withReason("session ended");

    private static final Logger log = LoggerFactory.getLogger(LiveConnections.class);
    /** auth-service's live login sessions, {@code session:{sid}} (the same check every API request makes). */
    private static final String LOGIN_SESSION_PREFIX = "session:";
    private static final int SEND_TIME_LIMIT_MS = 5_000;
    private static final int BUFFER_LIMIT_BYTES = 64 * 1024;
    /**
     * The first message of every socket, sent once the session is registered: through the gateway a client's
     * handshake completes before the gateway has reached this service, so only this tells a client that pushes
     * (an export it is about to start, say) will reach it from now on.
     */
    static final TextMessage CONNECTED = new TextMessage("{\"type\":\"connected\"}");

    private final String instanceId = UUID.randomUUID().toString();
    private final Map<UUID, Map<String, WebSocketSession>> sessionsByUser = new ConcurrentHashMap<>();
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final LiveSettings settings;
    private final ScheduledExecutorService refresher;

    LiveConnections(StringRedisTemplate redis, JsonMapper json, LiveSettings settings) {
        this.redis = redis;
        this.json = json;
        this.settings = settings;
        this.refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("ws-refresh").factory());
        long every = settings.refreshInterval().toMillis();
        refresher.scheduleAtFixedRate(this::refreshExpiries, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        UUID userId = user(session);
        // Pushes come from the subscription thread while the container may be writing too: serialize sends.
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS,
                BUFFER_LIMIT_BYTES);
        sessionsByUser.computeIfAbsent(userId, id -> new ConcurrentHashMap<>()).put(session.getId(), safe);
        // A socket must not outlive the token that opened it: the client reconnects with a fresh one.
        if (session.getAttributes().get(EXPIRES_ATTRIBUTE) instanceof Instant expiresAt) {
            long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
            refresher.schedule(() -> close(safe, TOKEN_EXPIRED), delay, TimeUnit.MILLISECONDS);
        }
        try {
            String key = ReadCacheKeys.webSocketConnections(userId);
            redis.opsForSet().add(key, connectionId(session));
            redis.expire(key, settings.connectionSetTtl());
        }
        catch (DataAccessException e) {
            log.warn("Could not record the WebSocket connection in Redis", e);
        }
        try {
            safe.sendMessage(CONNECTED);
        }
        catch (IOException | RuntimeException e) {
            log.debug("Could not greet a WebSocket session; it will be closed", e);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        UUID userId = user(session);
        sessionsByUser.computeIfPresent(userId, (id, sessions) -> {
            sessions.remove(session.getId());
            return sessions.isEmpty() ? null : sessions;
        });
        try {
            redis.opsForSet().remove(ReadCacheKeys.webSocketConnections(userId), connectionId(session));
        }
        catch (DataAccessException e) {
            log.warn("Could not remove the WebSocket connection from Redis; the set expires on its own", e);
        }
    }

    @Override
    public void onJournalChange(JournalChangeNotice notice) {
        push(notice.userId(), EntryChangedMessage.of(notice));
    }

    /** A data export's or journal import's progress, published by the service running it. */
    void onJobProgress(JobProgress progress) {
        push(progress.userId(), JobProgressMessage.of(progress));
    }

    private void push(UUID userId, Object payload) {
        Map<String, WebSocketSession> sessions = sessionsByUser.get(userId);
        if (sessions == null || sessions.isEmpty()) {
            return;
        }
        TextMessage message = new TextMessage(json.writeValueAsString(payload));
        for (WebSocketSession session : sessions.values()) {
            try {
                if (session.isOpen()) {
                    session.sendMessage(message);
                }
            }
            catch (IOException | RuntimeException e) {
                log.debug("Could not push to a WebSocket session; it will be closed", e);
            }
        }
    }

    int connectedUsers() {
        return sessionsByUser.size();
    }

    /** Re-arms the sets' expiry, and closes sockets whose login session has ended (logout, revocation). */
    private void refreshExpiries() {
        for (var entry : sessionsByUser.entrySet()) {
            try {
                redis.expire(ReadCacheKeys.webSocketConnections(entry.getKey()), settings.connectionSetTtl());
                for (WebSocketSession session : entry.getValue().values()) {
                    String sid = ((AuthenticatedUser) session.getAttributes().get(USER_ATTRIBUTE)).sessionId();
                    if (!Boolean.TRUE.equals(redis.hasKey(LOGIN_SESSION_PREFIX + sid))) {
                        close(session, LOGGED_OUT);
                    }
                }
            }
            catch (DataAccessException e) {
                log.warn("Could not refresh the WebSocket connections in Redis", e);
            }
        }
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            if (session.isOpen()) {
                session.close(status);
            }
        }
        catch (IOException | RuntimeException e) {
            log.debug("Could not close a WebSocket session", e);
        }
    }

    private String connectionId(WebSocketSession session) {
        return instanceId + ":" + session.getId();
    }

    private static UUID user(WebSocketSession session) {
        return ((AuthenticatedUser) session.getAttributes().get(USER_ATTRIBUTE)).userId().value();
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
