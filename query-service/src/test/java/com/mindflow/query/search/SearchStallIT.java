package com.mindflow.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import com.mindflow.query.support.QueryServiceIT;

/**
 * Elasticsearch hung (a frozen node, a partition): connections are accepted by the kernel and never answered. Search
 * answers 503 problem+json with Retry-After once {@code spring.elasticsearch.socket-timeout} has passed, instead of
 * holding the request until the node returns (the Rest5 client's own response timeout is "forever").
 */
@ContextConfiguration(initializers = SearchStallIT.ElasticsearchHangs.class)
class SearchStallIT extends QueryServiceIT {

    /** Listens and never accepts: the handshake completes in the backlog, no byte ever comes back. */
    static final ServerSocket BLACK_HOLE = blackHole();

    static class ElasticsearchHangs implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("elasticsearch-hangs",
                    Map.of("spring.elasticsearch.uris", "http://127.0.0.1:" + BLACK_HOLE.getLocalPort(),
                            "spring.elasticsearch.socket-timeout", "2s")));
        }
    }

    @AfterAll
    static void closeBlackHole() throws IOException {
        BLACK_HOLE.close();
    }

    @Test
    void searchIs503AfterTheSocketTimeoutWhileTheNodeDoesNotAnswer() {
        TestUser user = newUser();
        // The test client gives up after 20 s: a search waiting for the node would fail here, not answer.
        HttpResponse<String> response = get("/api/search?q=garden", user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("store-unavailable");
        assertThat(get("/api/journals", user).statusCode()).isEqualTo(200);
    }

    private static ServerSocket blackHole() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
