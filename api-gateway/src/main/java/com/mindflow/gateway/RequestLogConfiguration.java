package com.mindflow.gateway;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The request log ({@code api_requests}: one record per client request, see {@link RequestLogFilter}), sent to Kafka
 * at {@code spring.kafka.bootstrap-servers} (with {@code spring.kafka.properties.*}); projection-service stores it.
 * Off with {@code mindflow.request-log.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "mindflow.request-log.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RequestLogSettings.class)
class RequestLogConfiguration {

    @Bean(destroyMethod = "close")
    RequestLogSender requestLogSender(RequestLogSettings settings, Environment environment,
            ObjectProvider<MeterRegistry> meters) {
        Binder binder = Binder.get(environment);
        String servers = String.join(",", binder.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of("127.0.0.1:9092")));
        Map<String, String> common = binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        return new RequestLogSender(RequestLogSender.producer(servers, common, settings), settings.queueCapacity(),
                settings.drainInterval(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    RequestLogFilter requestLogFilter(RequestLogSender sender, ProblemJsonErrorHandler errors,
            ClientAddress clientAddress, Environment environment) {
        return new RequestLogFilter(sender, errors, clientAddress,
                environment.getProperty("spring.application.name", "api-gateway"));
    }
}
