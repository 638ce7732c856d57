package com.mindflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The relay's producer speaks to the broker the way the service's other clients do: TLS and SCRAM included. */
class RelayProducerConfigTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"command-service\" password=\"secret\";";

    @Test
    void takesTheServicesSharedClientPropertiesFromItsVariablesAndKeepsItsOwnDeliverySettings() {
        Map<String, Object> deployment = Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS,
                "SPRING_KAFKA_PROPERTIES_ACKS", "0");
        StandardEnvironment environment = new StandardEnvironment();
        // In place of the process's variables: what a Deployment's env gives the service.
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        deployment));

        Map<String, Object> config = OutboxAutoConfiguration.relayProducerConfig(environment);

        assertThat(config).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", JAAS)
                // At least once stays the relay's own choice.
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }
}
