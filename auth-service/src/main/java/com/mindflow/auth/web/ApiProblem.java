package com.mindflow.auth.web;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal the client should see as RFC 9457 problem details. The message is the {@code detail} and is written for
 * the client, so it must never contain a password, a token or a hash. No stack trace is filled in: these are
 * expected outcomes, not faults.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;
    private final HttpHeaders headers;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String code, String detail, String field, HttpHeaders headers) {
        this(status, code, detail, field, headers, Map.of());
    }

    /** With extension members ({@code properties}), which the client needs to act on the problem. */
    public ApiProblem(HttpStatus status, String code, String detail, String field, HttpHeaders headers,
            Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.headers = headers == null ? HttpHeaders.EMPTY : headers;
        this.properties = Map.copyOf(properties);
    }

    public ApiProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, null, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field the problem is about, or null. */
    public String field() {
        return field;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
