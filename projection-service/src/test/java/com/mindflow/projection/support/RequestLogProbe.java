package com.mindflow.projection.support;

import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two endpoints of the service under test, for the request-log ITs: one that takes a (private) body and answers 201,
 * one that fails unexpectedly. Both need a token, like every endpoint of the service.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RequestLogProbe {

    public static final String ENTRIES = "/test/request-log/entries";
    public static final String FAILURE = "/test/request-log/failure";

    /** Registered as a member of this imported configuration (component scanning skips test configurations). */
    @RestController
    static class Endpoints {

        @PostMapping(ENTRIES)
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, Object> create(@RequestBody Map<String, Object> entry) {
            return Map.of("received", entry.size());
        }

        @GetMapping(FAILURE)
        void fail() {
            throw new IllegalStateException("probe failure for the request log");
        }
    }
}
