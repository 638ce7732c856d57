package com.mindflow.support.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sheds load instead of falling over: with virtual threads nothing bounds how many requests a service works on at
 * once, so a burst faster than its connection pool can serve piles up in the heap until the JVM dies. Beyond
 * {@code mindflow.web.max-in-flight} concurrent requests the answer is an immediate 503 problem with
 * {@code Retry-After: 1} (counted as {@code mindflow.web.shed}); health and metrics are never shed.
 */
public class InFlightLimit extends OncePerRequestFilter {

    private final Semaphore permits;
    private final Counter shed;
    private final JsonMapper json;

    public InFlightLimit(int maxInFlight, MeterRegistry meters, JsonMapper json) {
        this.permits = new Semaphore(maxInFlight);
        this.shed = Counter.builder("mindflow.web.shed").description("Requests refused because too many were in flight")
                .register(meters);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true; // the permit of an async request is held by its first dispatch
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            shed.increment();
            refuse(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        }
        finally {
            permits.release();
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://mindflow.dev/problems/overloaded");
        problem.put("title", HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        problem.put("detail", "Too many requests in progress; try again in a moment");
        problem.put("code", "overloaded");
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
