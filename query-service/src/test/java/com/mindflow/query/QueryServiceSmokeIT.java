package com.mindflow.query;

import java.util.Set;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mindflow.support.testing.ServiceSmokeChecks;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/** query-service starts against the real servers and passes every {@link ServiceSmokeChecks}. */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryServiceSmokeIT extends ServiceSmokeChecks {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        Servers servers = LocalStack.servers();
        registry.add("mindflow.datasource.read.jdbc-url", () -> servers.jdbcUrl("mindflow_read"));
        registry.add("mindflow.datasource.read.username", servers::dbUser);
        registry.add("mindflow.datasource.read.password", servers::dbPassword);
        registry.add("mindflow.datasource.analytics.jdbc-url", () -> servers.jdbcUrl("mindflow_analytics"));
        registry.add("mindflow.datasource.analytics.username", servers::dbUser);
        registry.add("mindflow.datasource.analytics.password", servers::dbPassword);
        registry.add("spring.data.redis.host", servers::redisHost);
        registry.add("spring.data.redis.port", servers::redisPort);
        registry.add("spring.mongodb.uri", () -> servers.mongoUri(servers.mongoDatabase()));
        registry.add("spring.elasticsearch.uris", servers::elasticsearchUrl);
    }

    @Override
    protected Set<String> readinessComponents() {
        return Set.of("db", "redis");
    }
}
