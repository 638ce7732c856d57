package com.mindflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.support.languagemodel.LanguageModel;
import com.mindflow.support.testing.ServiceSmokeChecks;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/** ai-processing-service starts against the real servers and passes every {@link ServiceSmokeChecks}. */
@SpringBootTest(classes = AiProcessingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AiProcessingServiceSmokeIT extends ServiceSmokeChecks {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        Servers servers = LocalStack.servers();
        registry.add("spring.datasource.url", () -> servers.jdbcUrl("mindflow_analytics"));
        registry.add("spring.datasource.username", servers::dbUser);
        registry.add("spring.datasource.password", servers::dbPassword);
        registry.add("spring.data.redis.host", servers::redisHost);
        registry.add("spring.data.redis.port", servers::redisPort);
        registry.add("spring.kafka.bootstrap-servers", servers::kafkaBootstrapServers);
    }

    @Autowired
    Optional<LanguageModel> languageModel;

    @Override
    protected Set<String> readinessComponents() {
        return Set.of("db", "redis", "kafka");
    }

    @Test
    void theLanguageModelIsOffByDefault() {
        // No mindflow.language-model.base-url: no client, so insight summaries stay composed and nothing is sent.
        assertThat(languageModel).isEmpty();
    }
}
