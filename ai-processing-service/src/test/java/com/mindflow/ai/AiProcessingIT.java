package com.mindflow.ai;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.MindFlowEvent;
import com.mindflow.events.Topics;
import com.mindflow.support.testing.TestIssuer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/**
 * ai-processing-service on a random port against the real servers: events in through Kafka as the other services
 * send them, everything published to {@code mindflow.ai-insights.v1} collected, and a stand-in token issuer for the
 * HTTP API.
 */
@SpringBootTest(classes = AiProcessingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AiProcessingIT {

    protected static final TestIssuer ISSUER = TestIssuer.start();


    protected static final EventCodec CODEC = new EventCodec();
    protected static final List<EventEnvelope<?>> OUT = new CopyOnWriteArrayList<>();
    private static volatile Consumer<String, String> insights;
    private static volatile Thread reader;

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected KafkaListenerEndpointRegistry listeners;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        Servers servers = LocalStack.servers();
        registry.add("spring.datasource.url", () -> servers.jdbcUrl("mindflow_analytics"));
        registry.add("spring.datasource.username", servers::dbUser);
        registry.add("spring.datasource.password", servers::dbPassword);
        servers.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("mindflow.security.jwks-uri", () -> ISSUER.jwksUri().toString());
    }

    /** Reads everything published to the AI topic from now on, outside any group. */
    @BeforeAll
    static void readInsights() {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.servers().kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new StringDeserializer()).createConsumer();
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.AI_INSIGHTS).stream()
                .map(p -> new TopicPartition(Topics.AI_INSIGHTS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        insights = consumer;
        reader = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        OUT.add(CODEC.read(record.value()));
                    }
                }
                catch (RuntimeException closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stopReading() throws InterruptedException {
        reader.interrupt();
        reader.join(5000);
        insights.close();
    }

    @BeforeEach
    void listenersAssigned() {
        listeners.getListenerContainers().forEach(container -> eventually().until(() ->
                container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty()));
    }

    protected void publish(EventEnvelope<?> envelope) {
        send(envelope, false).join();
    }

    /** Sends the event as the outbox relay would; {@code bulk} marks it as an import's ({@link EventHeaders#LANE}). */
    protected CompletableFuture<?> send(EventEnvelope<?> envelope, boolean bulk) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(envelope.topic(), envelope.key(),
                CODEC.write(envelope));
        EventHeaders.of(envelope).forEach((name, value) ->
                record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        if (bulk) {
            record.headers().add(EventHeaders.LANE, EventHeaders.BULK.getBytes(StandardCharsets.UTF_8));
        }
        return kafka.send(record);
    }

    /** A user id whose events go to the same partition as {@code other}'s (the producer's default partitioner). */
    protected UUID onThePartitionOf(UUID other) {
        int partitions = kafka.partitionsFor(Topics.JOURNAL_ENTRIES).size();
        int wanted = partition(other, partitions);
        UUID user = UUID.randomUUID();
        while (partition(user, partitions) != wanted) {
            user = UUID.randomUUID();
        }
        return user;
    }

    private static int partition(UUID user, int partitions) {
        return Utils.toPositive(Utils.murmur2(user.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    protected static List<EventEnvelope<?>> outFor(UUID user) {
        return OUT.stream().filter(e -> e.userId().equals(user)).toList();
    }

    protected static <P extends MindFlowEvent> P await(UUID user, Class<P> type) {
        eventually().until(() -> outFor(user).stream().anyMatch(e -> type.isInstance(e.payload())));
        return type.cast(outFor(user).stream().filter(e -> type.isInstance(e.payload())).findFirst().orElseThrow()
                .payload());
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }
}
