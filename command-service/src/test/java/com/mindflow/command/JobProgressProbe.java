package com.mindflow.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import com.mindflow.support.live.JobProgress;

import tools.jackson.databind.json.JsonMapper;

/** Listens on a user's job progress channel (over real Redis), as query-service does, and keeps what arrives. */
public final class JobProgressProbe implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String PROBE = "{\"probe\":true}";

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    /** Returns once the subscription is live (a probe message came back), so nothing published later is missed. */
    public static JobProgressProbe listen(StringRedisTemplate redis, UUID userId) throws InterruptedException {
        JobProgressProbe probe = new JobProgressProbe();
        String channel = JobProgress.channel(userId);
        probe.container.setConnectionFactory(redis.getConnectionFactory());
        // In the order Redis delivers them: the default executor gives each message a thread of its own.
        probe.container.setTaskExecutor(new SyncTaskExecutor());
        probe.container.addMessageListener((message, pattern) -> probe.received.add(new String(message.getBody())),
                new ChannelTopic(channel));
        probe.container.afterPropertiesSet();
        probe.container.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            redis.convertAndSend(channel, PROBE);
            String first = probe.received.poll(200, TimeUnit.MILLISECONDS);
            if (PROBE.equals(first)) {
                probe.received.removeIf(PROBE::equals);
                return probe;
            }
        }
        probe.close();
        throw new AssertionError("the Redis subscription to " + channel + " did not start in 10 s");
    }

    /** Every notice until one of {@code type} with status completed or failed (or 30 s), in order. */
    public List<JobProgress> untilFinished(String type) throws InterruptedException {
        List<JobProgress> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String message = received.poll(200, TimeUnit.MILLISECONDS);
            if (message == null || PROBE.equals(message)) {
                continue;
            }
            JobProgress progress = JSON.readValue(message, JobProgress.class);
            seen.add(progress);
            if (type.equals(progress.type()) && List.of("completed", "failed").contains(progress.status())) {
                return seen;
            }
        }
        throw new AssertionError("no completed or failed " + type + " notice in 30 s; saw " + seen);
    }

    @Override
    public void close() {
        container.stop();
        try {
            container.destroy();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
