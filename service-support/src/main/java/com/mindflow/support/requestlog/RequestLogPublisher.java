package com.mindflow.support.requestlog;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.mindflow.events.Topics;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ApplicationLogRecord;
import com.mindflow.events.ops.OpsCodec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the operational records fire-and-forget, so that Kafka being slow or away never slows or fails a request:
 * callers only put a record on a bounded queue; one daemon thread serializes and hands it to a small producer of its
 * own ({@code acks=1}, linger, bounded buffer, short {@code max.block.ms}, no idempotence, no retries beyond the
 * delivery timeout). A record that does not fit the queue, cannot be handed over or is not acknowledged is dropped
 * and counted: {@code mindflow.request.log.dropped{topic,reason}}; delivered ones count in
 * {@code mindflow.request.log.sent{topic}}.
 */
public class RequestLogPublisher implements AutoCloseable {

    private final Producer<String, String> producer;
    private final ThreadPoolExecutor sender;
    private final OpsCodec codec = new OpsCodec();
    private final MeterRegistry meters;

    RequestLogPublisher(Producer<String, String> producer, int queueCapacity, MeterRegistry meters) {
        this.producer = producer;
        this.meters = meters;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                task -> {
                    Thread thread = new Thread(task, "request-log-publisher");
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> dropped(((Send) task).topic, "queue-full"));
        // Fetch the topics' metadata (a fresh broker creates them) before the first record needs it.
        Topics.operational().forEach(topic -> sender.execute(new Send(topic, () -> {
            try {
                producer.partitionsFor(topic);
            }
            catch (RuntimeException notYet) {
                // Kafka is not there (yet): the first record will ask again.
            }
        })));
    }

    /** The producer: the service's Kafka address and common client properties, everything else its own. */
    static Producer<String, String> producer(String bootstrapServers, Map<String, String> commonProperties,
            String clientId, Duration maxBlock) {
        Map<String, Object> config = new HashMap<>(commonProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * 1024 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Queues the record of one served request; returns at once. */
    public void publish(ApiRequestRecord record) {
        send(Topics.API_REQUESTS, record.requestId(), () -> codec.write(record));
    }

    /** Queues the record of one ERROR log event; returns at once. */
    public void publish(ApplicationLogRecord record) {
        send(Topics.APPLICATION_LOGS, record.key(), () -> codec.write(record));
    }

    private void send(String topic, String key, Supplier<String> json) {
        if (sender.isShutdown()) {
            dropped(topic, "closed");
            return;
        }
        sender.execute(new Send(topic, () -> {
            producer.send(new ProducerRecord<>(topic, key, json.get()), (metadata, failure) -> {
                if (failure == null) {
                    Counter.builder("mindflow.request.log.sent").tag("topic", topic).register(meters).increment();
                }
                else {
                    dropped(topic, "not-delivered");
                }
            });
        }));
    }

    private void dropped(String topic, String reason) {
        Counter.builder("mindflow.request.log.dropped").tag("topic", topic).tag("reason", reason).register(meters)
                .increment();
    }

    /** Sends what is queued for up to two seconds, then gives up on the rest. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.shutdownNow();
        producer.close(Duration.ofSeconds(2));
    }

    /** One hand-over to the producer; a failure to hand over (no metadata, buffer full) is a drop, never a throw. */
    private final class Send implements Runnable {

        private final String topic;
        private final Runnable action;

        Send(String topic, Runnable action) {
            this.topic = topic;
            this.action = action;
        }

        @Override
        public void run() {
            try {
                action.run();
            }
            catch (RuntimeException e) {
                dropped(topic, "not-sent");
            }
        }
    }
}
