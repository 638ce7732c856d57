package com.mindflow.command;

import java.util.Set;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.support.testing.ServiceSmokeChecks;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/** command-service starts against the real servers and passes every {@link ServiceSmokeChecks}. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandServiceSmokeIT extends ServiceSmokeChecks {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        Servers servers = LocalStack.servers();
        registry.add("spring.datasource.url", () -> servers.jdbcUrl("mindflow_write"));
        registry.add("spring.datasource.username", servers::dbUser);
        registry.add("spring.datasource.password", servers::dbPassword);
        registry.add("spring.data.redis.host", servers::redisHost);
        registry.add("spring.data.redis.port", servers::redisPort);
        registry.add("spring.kafka.bootstrap-servers", servers::kafkaBootstrapServers);
        registry.add("mindflow.s3.endpoint", servers::s3Endpoint);
        registry.add("mindflow.s3.bucket", servers::s3Bucket);
    }

    @Override
    protected Set<String> readinessComponents() {
        return Set.of("db", "kafka", "s3");
    }
}
