package com.mindflow.auth;

import java.time.Clock;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

import com.mindflow.auth.events.UserEvents;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Created at start-up when missing, so the relay never depends on broker-side auto-creation. */
    @Bean
    NewTopic usersTopic() {
        return TopicBuilder.name(UserEvents.TOPIC).partitions(3).replicas(1).build();
    }
}
