package com.mindflow.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.mindflow.events.Topics;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.OpsCodec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the request log fire-and-forget, so that Kafka being slow or away never slows or fails a request. The event
 * loop only puts a record on a bounded lock-free queue (no lock, no thread woken); one daemon thread wakes every
 * {@link RequestLogSettings#drainInterval()}, serializes what is queued and hands it to a producer of its own that
 * batches ({@code linger.ms}, {@code batch.size}) and compresses ({@code lz4}), with {@code acks=1}, no idempotence
 * and no retries beyond the delivery timeout. A record that does not fit the queue, cannot be handed over or is not
 * acknowledged is dropped and counted: {@code mindflow.request.log.dropped{topic,reason}}; delivered ones count in
 * {@code mindflow.request.log.sent{topic}} (the services' names).
 */
class RequestLogSender implements AutoCloseable {

    private static final String TOPIC = Topics.API_REQUESTS;

    private final Producer<String, String> producer;
    private final int capacity;
    private final long drainNanos;
    private final Queue<ApiRequestRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final OpsCodec codec = new OpsCodec();
    private final Counter sent;
    private final Counter queueFull;
    private final Counter notSent;
    private final Counter notDelivered;
    private final Counter closed;
    private final Thread thread;
    private volatile boolean running = true;

    RequestLogSender(Producer<String, String> producer, int capacity, Duration drainInterval, MeterRegistry meters) {
        this.producer = producer;
        this.capacity = capacity;
        this.drainNanos = drainInterval.toNanos();
        this.sent = Counter.builder("mindflow.request.log.sent").tag("topic", TOPIC).register(meters);
        this.queueFull = dropped(meters, "queue-full");
        this.notSent = dropped(meters, "not-sent");
        this.notDelivered = dropped(meters, "not-delivered");
        this.closed = dropped(meters, "closed");
        this.thread = Thread.ofPlatform().name("request-log-sender").daemon().unstarted(this::run);
        this.thread.start();
    }

    /** The producer: the gateway's Kafka address, batching and compression; everything else fire-and-forget. */
    static Producer<String, String> producer(String bootstrapServers, Map<String, String> commonProperties,
            RequestLogSettings settings) {
        Map<String, Object> config = new HashMap<>(commonProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "api-gateway-request-log");
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchSize());
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000 + (int) settings.linger().toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Queues the record; returns at once, never blocks. */
    void publish(ApiRequestRecord record) {
        if (!running) {
            closed.increment();
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            queueFull.increment();
            return;
        }
        queue.offer(record);
    }

    private void run() {
        try {
            // Fetch the topic's metadata (a fresh broker creates it) before the first record needs it.
            producer.partitionsFor(TOPIC);
        }
        catch (RuntimeException notYet) {
            // Kafka is not there (yet): the first record will ask again.
        }
        while (running) {
            LockSupport.parkNanos(drainNanos);
            drain();
        }
        drain();
    }

    private void drain() {
        for (ApiRequestRecord record = queue.poll(); record != null; record = queue.poll()) {
            queued.decrementAndGet();
            try {
                producer.send(new ProducerRecord<>(TOPIC, record.requestId(), codec.write(record)),
                        (metadata, failure) -> (failure == null ? sent : notDelivered).increment());
            }
            catch (RuntimeException e) {
                notSent.increment();
            }
        }
    }

    /** Sends what is queued (waiting up to two seconds for it), then gives up on the rest. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }

    private static Counter dropped(MeterRegistry meters, String reason) {
        return Counter.builder("mindflow.request.log.dropped").tag("topic", TOPIC).tag("reason", reason)
                .register(meters);
    }
}
