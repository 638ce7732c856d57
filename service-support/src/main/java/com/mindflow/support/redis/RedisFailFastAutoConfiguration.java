package com.mindflow.support.redis;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;

/**
 * Fail fast while Redis is away: by default Lettuce queues every command while it reconnects, so each request waited
 * the whole command timeout before its 503, holding a server thread meanwhile. Rejected at once instead, the request
 * answers 503 {@code Retry-After} right away (StoreOutage knows the rejection), and a service under a burst does
 * not pile up threads waiting for a store that is not there.
 */
@AutoConfiguration
@ConditionalOnClass({ ClientOptions.class, LettuceClientOptionsBuilderCustomizer.class })
public class RedisFailFastAutoConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
    }
}
