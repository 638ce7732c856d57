package com.mindflow.command;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.mindflow.support.live.JobProgressPublisher;

import tools.jackson.databind.json.JsonMapper;

/** Progress of data exports and journal imports, pushed to the user's WebSocket sessions through query-service. */
@Configuration(proxyBeanMethods = false)
class JobProgressConfiguration {

    @Bean
    JobProgressPublisher jobProgressPublisher(StringRedisTemplate redis, JsonMapper json) {
        return new JobProgressPublisher(redis, json);
    }
}
