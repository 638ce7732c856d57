package com.mindflow.outbox;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.mindflow.events.EventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a service with a DataSource an {@link OutboxWriter}, and a relay publishing its rows to Kafka.
 * The source name defaults to {@code spring.application.name}, so each service relays only its own events.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "mindflow.outbox", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(DataSource dataSource, ObjectProvider<JsonMapper> json, OutboxSettings settings,
            Environment environment) {
        return new OutboxWriter(JdbcClient.create(dataSource), json.getIfAvailable(JsonMapper::new), new EventCodec(),
                source(settings, environment));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "outboxProducer")
    @ConditionalOnProperty(prefix = "mindflow.outbox", name = "relay-enabled", matchIfMissing = true)
    Producer<String, byte[]> outboxProducer(Environment environment) {
        return new KafkaProducer<>(relayProducerConfig(environment));
    }

    static Map<String, Object> relayProducerConfig(Environment environment) {
        // The service's shared client properties first (security protocol, SASL, trust store), the relay's own over them.
        Map<String, Object> config = new HashMap<>(Binder.get(environment)
                .bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.kafka.bootstrap-servers", "127.0.0.1:9092"));
        config.put(ProducerConfig.CLIENT_ID_CONFIG,
                "outbox-relay-" + environment.getProperty("spring.application.name", "mindflow"));
        // At least once, in order, without duplicates from producer retries.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // Fail a send within seconds when Kafka is down, so the relay backs off and retries from PostgreSQL.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "mindflow.outbox", name = "relay-enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(DataSource dataSource, Producer<String, byte[]> outboxProducer,
            ObjectProvider<JsonMapper> json, OutboxSettings settings, Environment environment,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<RelayHooks> hooks) {
        return new OutboxRelay(dataSource, outboxProducer, json.getIfAvailable(JsonMapper::new), settings,
                source(settings, environment), meters.getIfAvailable(SimpleMeterRegistry::new),
                hooks.getIfAvailable(() -> RelayHooks.NONE));
    }

    private static String source(OutboxSettings settings, Environment environment) {
        if (settings.source() != null && !settings.source().isBlank()) {
            return settings.source();
        }
        return environment.getRequiredProperty("spring.application.name");
    }
}
