package com.mindflow.support.health;

import java.time.Duration;

import org.apache.kafka.clients.admin.AdminClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;

import com.mongodb.client.MongoClient;

/**
 * Health indicators Boot lacks ({@code kafka}) or that must work on the local stack ({@code mongo}). Each service
 * lists the ones it needs in its readiness group ({@code management.endpoint.health.group.readiness.include}).
 */
@AutoConfiguration(
        afterName = { "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration" },
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass(AbstractHealthIndicator.class)
public class HealthAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ AdminClient.class, KafkaAdmin.class })
    static class Kafka {

        /** Contributes {@code kafka}; a service with its own bean of that name keeps it. */
        @Bean
        @ConditionalOnBean(KafkaAdmin.class)
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("kafka")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, Environment environment) {
            Duration timeout = environment.getProperty("mindflow.health.kafka.timeout", Duration.class,
                    Duration.ofSeconds(3));
            return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), timeout);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoClient.class)
    static class Mongo {

        /** Contributes {@code mongo}; Boot's own indicator backs off for this bean name. */
        @Bean
        @ConditionalOnBean(MongoClient.class)
        @ConditionalOnMissingBean(name = "mongoHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("mongo")
        MongoHealthIndicator mongoHealthIndicator(MongoClient client) {
            return new MongoHealthIndicator(client);
        }
    }
}
