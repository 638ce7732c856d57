package com.mindflow.support.elasticsearch;

import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import co.elastic.clients.transport.ElasticsearchTransport;

/**
 * Every Elasticsearch request of the service gets {@code spring.elasticsearch.socket-timeout} to be answered
 * ({@link DeadlineTransport}), whoever made the transport bean.
 */
@AutoConfiguration
@ConditionalOnClass(ElasticsearchTransport.class)
public class ElasticsearchDeadlineAutoConfiguration {

    @Bean
    static BeanPostProcessor elasticsearchRequestDeadline(Environment environment) {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ElasticsearchTransport transport && !(bean instanceof DeadlineTransport)) {
                    Duration deadline = environment.getProperty("spring.elasticsearch.socket-timeout",
                            Duration.class, Duration.ofSeconds(30));
                    return new DeadlineTransport(transport, deadline);
                }
                return bean;
            }
        };
    }
}
