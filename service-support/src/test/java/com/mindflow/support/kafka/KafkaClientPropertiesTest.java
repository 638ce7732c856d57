package com.mindflow.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    @Test
    void anOperatorCommandReadsTheServicesKafkaVariablesAsSpringBootBindsThem() {
        Map<String, String> properties = KafkaClientProperties.of(Map.of(
                "SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE", "PEM",
                "SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_CERTIFICATES", "-----BEGIN CERTIFICATE-----\nMII\n",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "PATH", "/usr/bin"));

        assertThat(properties).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("ssl.truststore.type", "PEM"),
                Map.entry("ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----\nMII\n"));
    }

    @Test
    void noneSetIsNone() {
        assertThat(KafkaClientProperties.of(Map.of("PATH", "/usr/bin"))).isEmpty();
    }
}
