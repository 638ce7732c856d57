package com.mindflow.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.resource.ClientResources;
import reactor.core.Disposable;

/**
 * Feeds auth-service's session revocations (Redis pub/sub, one {@code sid} per message) to the
 * {@link LiveSessionValidator}, and tells it whether the subscription works: subscribed (again, after a reconnect:
 * Lettuce resubscribes on its own and Redis confirms), and heard from. The service pings the channel every
 * {@code session-revocation-heartbeat}, so a connection that died without notice falls silent and the validator goes
 * back to asking Redis on every request. A connection that breaks with notice (reset, refused: Lettuce starts to
 * reconnect) does so at once ({@link LiveSessionValidator#connectionLost()}), so a confirmed session is not trusted
 * for the heartbeat's three intervals while Redis is already known to be gone.
 *
 * <p>Its own listener container (not a bean, so a service's own containers stay the only ones of their type), with
 * messages handled on the receiving thread: handling is a few map operations, and a revocation must not wait for a
 * thread to be started.
 */
public class SessionRevocationFeed implements MessageListener, SubscriptionListener, SmartLifecycle {

    /** A heartbeat; every other message is the sid of an ended session. */
    public static final String PING = "ping";

    private static final Logger log = LoggerFactory.getLogger(SessionRevocationFeed.class);

    private final LiveSessionValidator sessions;
    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final String channel;
    private final Duration heartbeat;
    private RedisMessageListenerContainer container;
    private ScheduledExecutorService pinger;
    private Disposable reconnects;
    private volatile boolean running;

    public SessionRevocationFeed(LiveSessionValidator sessions, RedisConnectionFactory connections,
            StringRedisTemplate redis, String channel, Duration heartbeat) {
        this.sessions = sessions;
        this.connections = connections;
        this.redis = redis;
        this.channel = channel;
        this.heartbeat = heartbeat;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        if (PING.equals(body)) {
            sessions.heard();
        }
        else if (!body.isBlank()) {
            sessions.revoked(body);
        }
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        log.debug("Subscribed to session revocations");
        sessions.subscribed();
    }

    @Override
    public void onChannelUnsubscribed(byte[] channel, long count) {
        sessions.unsubscribed();
    }

    @Override
    public synchronized void start() {
        if (running || channel == null || channel.isBlank()) {
            return; // no channel: the validator asks Redis on every request
        }
        running = true;
        watchReconnects();
        container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.setTaskExecutor(Runnable::run);
        container.setRecoveryInterval(heartbeat.toMillis());
        container.addMessageListener(this, new ChannelTopic(channel));
        container.afterPropertiesSet();
        try {
            container.start();
        }
        catch (RuntimeException e) {
            // Redis not there yet: the container keeps trying; meanwhile every request asks Redis.
            log.warn("Cannot subscribe to session revocations yet: {}", e.toString());
        }
        pinger = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("session-revocation-heartbeat").daemon().factory());
        long every = heartbeat.toMillis();
        pinger.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Lettuce reconnects only connections it lost against its will (never one closed on purpose), and announces each
     * attempt on the client's event bus: any of them (the shared connection, the subscription) means Redis went away.
     */
    private void watchReconnects() {
        if (connections instanceof LettuceConnectionFactory lettuce) {
            ClientResources resources = lettuce.getClientResources() != null ? lettuce.getClientResources()
                    : lettuce.getNativeClient() == null ? null : lettuce.getNativeClient().getResources();
            if (resources != null) {
                reconnects = resources.eventBus().get()
                        .filter(ReconnectAttemptEvent.class::isInstance)
                        .subscribe(event -> sessions.connectionLost());
            }
        }
    }

    private void ping() {
        try {
            redis.convertAndSend(channel, PING);
        }
        catch (RuntimeException e) {
            log.debug("Session revocation heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        sessions.unsubscribed();
        pinger.shutdownNow();
        if (reconnects != null) {
            reconnects.dispose();
        }
        try {
            container.destroy();
        }
        catch (Exception e) {
            log.debug("Closing the session revocation subscription: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
