package com.mindflow.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import com.mindflow.query.support.QueryServiceIT;

/**
 * Elasticsearch down (nothing listens where it should be): search and tag suggestions answer 503 problem+json with
 * Retry-After — an outage the client may retry, never a 500 — while reads from the other stores keep working and
 * the service stays ready (it must not leave the load balancer for a search outage).
 */
@ContextConfiguration(initializers = SearchOutageIT.ElasticsearchIsDown.class)
class SearchOutageIT extends QueryServiceIT {

    /** Ahead of every other property source, the base class's servers included. */
    static class ElasticsearchIsDown implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("elasticsearch-down",
                    Map.of("spring.elasticsearch.uris", "http://127.0.0.1:" + closedPort())));
        }
    }

    @Test
    void searchAndSuggestionsAre503WhileOtherReadsWork() {
        TestUser user = newUser();
        for (String path : new String[] { "/api/search?q=garden", "/api/tags/suggest?prefix=ga" }) {
            HttpResponse<String> response = get(path, user);
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains("store-unavailable");
        }
        assertThat(get("/api/journals", user).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get("/actuator/health/readiness", user);
        assertThat(readiness.statusCode()).as("still ready: only search is away. %s", readiness.body())
                .isEqualTo(200);
    }

    /** A port that was free a moment ago: connections to it are refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
