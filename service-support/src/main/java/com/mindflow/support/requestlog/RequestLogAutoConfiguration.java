package com.mindflow.support.requestlog;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import ch.qos.logback.classic.LoggerContext;

import com.mindflow.support.kafka.KafkaClientProperties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The error log ({@code application_logs}) of every servlet service that has Kafka's client on its classpath, sent to
 * Kafka fire-and-forget; projection-service stores it. The request log ({@code api_requests}) is api-gateway's, one
 * record per client request: the service's {@link RequestLogFilter} answers the gateway the user and route and records
 * nothing, unless {@code mindflow.request-log.record-requests=true} (a service exposed without the gateway). All off
 * with {@code mindflow.request-log.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaProducer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "mindflow.request-log.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RequestLogSettings.class)
public class RequestLogAutoConfiguration {

    @Bean(destroyMethod = "close")
    RequestLogPublisher requestLogPublisher(RequestLogSettings settings, Environment environment,
            ObjectProvider<MeterRegistry> meters) {
        Binder binder = Binder.get(environment);
        String servers = String.join(",", binder.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of("127.0.0.1:9092")));
        Map<String, String> common = KafkaClientProperties.of(environment);
        return new RequestLogPublisher(
                RequestLogPublisher.producer(servers, common, service(environment) + "-request-log", settings.maxBlock()),
                settings.queueCapacity(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter(RequestLogPublisher publisher,
            RequestLogSettings settings, Environment environment) {
        FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(
                new RequestLogFilter(publisher, service(environment), settings.recordRequests()));
        // Right after the correlation filter (HIGHEST_PRECEDENCE): outside Spring Security, so a 401 is recorded too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LoggerContext.class)
    static class ErrorLogs {

        @Bean
        ErrorLogRegistration errorLogAppender(RequestLogPublisher publisher, RequestLogSettings settings,
                Environment environment) {
            ErrorLogAppender appender = new ErrorLogAppender(publisher, service(environment), settings.maxStackChars());
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                appender.attachTo(context);
            }
            return new ErrorLogRegistration(appender);
        }
    }

    /** Detaches the appender before the publisher closes. */
    record ErrorLogRegistration(ErrorLogAppender appender) implements DisposableBean {

        @Override
        public void destroy() {
            appender.detach();
        }
    }

    private static String service(Environment environment) {
        return environment.getProperty("spring.application.name", "mindflow");
    }
}
