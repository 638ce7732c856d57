package com.mindflow.outbox.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventHeaders;
import com.mindflow.outbox.OutboxMessage;
import com.mindflow.outbox.OutboxRelay;
import com.mindflow.outbox.OutboxSettings;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.outbox.RelayHooks;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commit-to-Kafka latency at light load: commits one outbox row every 1/rate seconds and measures from the return of
 * commit to the record's arrival at a consumer. Not run by the build (no *Test / *IT name); run it with
 * {@code ./mvnw -o -B -pl outbox -am verify -Dtest=OutboxLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=NoSuchIT -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.events=600 -Dbench.rate=20}.
 * The relay is configured as {@code OutboxAutoConfiguration} configures it in the services.
 */
class OutboxLatencyBenchmark {

    @Test
    void commitToConsumerLatency() throws Exception {
        int events = Integer.getInteger("bench.events", 600);
        int rate = Integer.getInteger("bench.rate", 20);
        Servers servers = LocalStack.servers();
        String source = "outbox-bench-" + UUID.randomUUID();
        String topic = "outbox-bench." + UUID.randomUUID();
        JsonMapper json = new JsonMapper();

        SingleConnectionDataSource writerDb = new SingleConnectionDataSource(servers.jdbcUrl("mindflow_write"),
                servers.dbUser(), servers.dbPassword(), true);
        SingleConnectionDataSource relayDb = new SingleConnectionDataSource(servers.jdbcUrl("mindflow_write"),
                servers.dbUser(), servers.dbPassword(), true);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(writerDb));
        OutboxWriter writer = new OutboxWriter(JdbcClient.create(writerDb), json, new EventCodec(), source);

        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Producer<String, byte[]> producer = new KafkaProducer<>(producerConfig);
        OutboxSettings settings = new OutboxSettings(source, true, 500, Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofHours(1));
        OutboxRelay relay = new OutboxRelay(relayDb, producer, json, settings, source, new SimpleMeterRegistry(),
                RelayHooks.NONE);

        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);

        // Warm up: the topic exists and the producer has its metadata before anything is timed.
        UUID user = UUID.randomUUID();
        relay.start();
        commit(transactions, writer, topic, user);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = List.of();
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = Thread.ofPlatform().start(() -> {
                while (reading.get()) {
                    consumer.poll(Duration.ofMillis(50)).forEach(r -> receivedAt.putIfAbsent(
                            new String(r.headers().lastHeader(EventHeaders.EVENT_ID).value(), StandardCharsets.UTF_8),
                            System.nanoTime()));
                }
            });
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String id = commit(transactions, writer, topic, user);
                committedAt.put(id, System.nanoTime());
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
            Instant allReceivedBy = Instant.now().plusSeconds(30);
            while (!receivedAt.keySet().containsAll(committedAt.keySet()) && Instant.now().isBefore(allReceivedBy)) {
                Thread.sleep(50);
            }
            reading.set(false);
            reader.join(Duration.ofSeconds(5));
        }
        finally {
            relay.stop();
            producer.close();
            writerDb.destroy();
            relayDb.destroy();
        }

        long[] micros = committedAt.entrySet().stream().filter(e -> receivedAt.containsKey(e.getKey()))
                .mapToLong(e -> (receivedAt.get(e.getKey()) - e.getValue()) / 1_000).sorted().toArray();
        System.out.printf("%nOutbox commit -> consumer latency, %d events at %d/s: received %d, p50 %.1f ms, "
                + "p90 %.1f ms, p99 %.1f ms, max %.1f ms%n%n", events, rate, micros.length, pct(micros, 50),
                pct(micros, 90), pct(micros, 99), micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
    }

    private static String commit(TransactionTemplate transactions, OutboxWriter writer, String topic, UUID user) {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> writer.append(new OutboxMessage(id, topic, user.toString(),
                "BenchHappened", 1, "bench", user, Instant.now(), "{\"eventId\":\"" + id + "\"}", Map.of())));
        return id.toString();
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }
}
