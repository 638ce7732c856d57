package com.mindflow.projection.support;

import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
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

/**
 * One application context for every projection IT (so one set of listeners joins each consumer group), against the
 * real servers. Events go through Kafka as the write side sends them: envelope JSON, keyed by user, with headers.
 */
@SpringBootTest(classes = ProjectionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mindflow.projection.retry.initial-interval=50ms", "mindflow.projection.retry.max-attempts=2"})
@Import(RequestLogProbe.class)
public abstract class ProjectionTest {

    protected static final EventCodec CODEC = new EventCodec();

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

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }
}
