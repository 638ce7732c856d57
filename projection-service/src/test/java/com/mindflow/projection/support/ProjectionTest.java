package com.mindflow.projection.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.projection.ProjectionServiceApplication;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;
import com.mindflow.support.testing.TestIssuer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;
import com.mindflow.testsupport.faults.TcpProxy;

/**
 * One application context for every projection IT (so one set of listeners joins each consumer group), against the
 * real servers. Events go through Kafka as the write side sends them: envelope JSON, keyed by user, with headers.
 */
@SpringBootTest(classes = ProjectionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mindflow.projection.retry.initial-interval=50ms", "mindflow.projection.retry.max-attempts=2",
                "mindflow.projection.outage.initial-interval=200ms", "mindflow.projection.outage.max-interval=2s"})
@Import(RequestLogProbe.class)
public abstract class ProjectionTest {

    protected static final EventCodec CODEC = new EventCodec();

    /**
     * Elasticsearch and the MongoDB-protocol server are reached through these, so a test can take either away from
     * the service (and give it back) as an outage would, while the servers themselves keep running for everyone else.
     */
    protected static final TcpProxy SEARCH_SERVER = TcpProxy.to(URI.create(LocalStack.servers().elasticsearchUrl()));
    protected static final TcpProxy HISTORY_SERVER = TcpProxy.to(LocalStack.servers().mongoHost(),
            LocalStack.servers().mongoPort());

    /** Signs the tokens of HTTP calls to the service under test (its JWKS on loopback). */
    protected static final TestIssuer ISSUER = TestIssuer.start();

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    @Autowired
    @Qualifier(ReadAndAnalyticsDatabases.READ)
    protected JdbcClient read;

    @Autowired
    @Qualifier(ReadAndAnalyticsDatabases.ANALYTICS)
    protected JdbcClient analytics;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    protected KafkaProperties kafkaProperties;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        Servers servers = LocalStack.servers();
        registry.add("mindflow.datasource.read.jdbc-url", () -> servers.jdbcUrl("mindflow_read"));
        registry.add("mindflow.datasource.read.username", servers::dbUser);
        registry.add("mindflow.datasource.read.password", servers::dbPassword);
        registry.add("mindflow.datasource.analytics.jdbc-url", () -> servers.jdbcUrl("mindflow_analytics"));
        registry.add("mindflow.datasource.analytics.username", servers::dbUser);
        registry.add("mindflow.datasource.analytics.password", servers::dbPassword);
        servers.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.elasticsearch.uris", () -> SEARCH_SERVER.via(URI.create(servers.elasticsearchUrl())));
        registry.add("spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + HISTORY_SERVER.port() + "/" + servers.mongoDatabase());
        registry.add("mindflow.security.jwks-uri", () -> ISSUER.jwksUri().toString());
    }

    /** Waits until every listener has its partitions, so a test's first event is not raced by the group join. */
    @BeforeEach
    void listenersAssigned() {
        listeners.getListenerContainers().forEach(container -> eventually().until(() ->
                container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty()));
    }

    protected void publish(EventEnvelope<?>... envelopes) {
        for (EventEnvelope<?> envelope : envelopes) {
            ProducerRecord<Object, Object> record = new ProducerRecord<>(envelope.topic(), envelope.key(),
                    CODEC.write(envelope));
            EventHeaders.of(envelope).forEach((name, value) -> record.headers().add(name, value.getBytes()));
            kafka.send(record).join();
        }
    }

    protected void publishRaw(String topic, String key, String value) {
        kafka.send(new ProducerRecord<>(topic, key, value)).join();
    }

    /** How many records on the topic contain the marker (read from the start, outside any group). */
    protected long recordsContaining(String topic, String marker) {
        Map<String, Object> config = kafkaProperties.buildConsumerProperties();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long found = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().contains(marker)) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }
}
