package com.mindflow.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import tools.jackson.databind.json.JsonMapper;

class InFlightLimitTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InFlightLimit limit = new InFlightLimit(1, meters, new JsonMapper());

    @Test
    void aRequestBeyondTheLimitIsRefusedAtOnceWith503AndRetryAfterWhileHealthStillAnswers() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = Thread.ofVirtual().start(() -> call("/api/journals", (request, response) -> {
            inside.countDown();
            await(release);
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = call("/api/journals", (request, response) -> {
            throw new AssertionError("must not run");
        });
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"status\":503").contains("\"code\":\"overloaded\"");
        assertThat(call("/actuator/health", (request, response) -> ((jakarta.servlet.http.HttpServletResponse) response)
                .setStatus(200)).getStatus()).isEqualTo(200);
        assertThat(meters.get("mindflow.web.shed").counter().count()).isEqualTo(1);

        release.countDown();
        busy.join(5_000);
        assertThat(call("/api/journals", (request, response) -> ((jakarta.servlet.http.HttpServletResponse) response)
                .setStatus(204)).getStatus()).as("the permit came back").isEqualTo(204);
    }

    private MockHttpServletResponse call(String path, FilterChain chain) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            limit.doFilter(request, response, chain);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
