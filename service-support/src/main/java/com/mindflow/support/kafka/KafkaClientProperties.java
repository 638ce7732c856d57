package com.mindflow.support.kafka;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The client properties all of a service's Kafka clients share ({@code spring.kafka.properties.*}: security
 * protocol, SASL, trust store), for the clients Spring Boot does not build: the request log's producer and the
 * operator commands. Without them such a client would speak plaintext to a listener that wants TLS and SCRAM.
 */
public final class KafkaClientProperties {

    private static final String PREFIX = "spring.kafka.properties";

    private KafkaClientProperties() {
    }

    /** {@code spring.kafka.properties.*} of a running service. */
    public static Map<String, String> of(Environment environment) {
        return bind(Binder.get(environment));
    }

    /**
     * The same from a process's variables, for commands that run without a Spring context: bound as Boot binds
     * them, so {@code SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}.
     */
    public static Map<String, String> of(Map<String, String> variables) {
        return bind(new Binder(ConfigurationPropertySources.from(
                // Boot maps SPRING_KAFKA_PROPERTIES_X_Y to x.y only for a source under this name.
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)))));
    }

    private static Map<String, String> bind(Binder binder) {
        return binder.bind(PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }
}
