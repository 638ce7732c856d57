package com.mindflow.auth.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.mindflow.auth.web.ApiProblem;

/** 429 with {@code Retry-After}: the caller may try again when the current window ends. */
public class RateLimited extends ApiProblem {

    public RateLimited(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many attempts; retry in " + retryAfterSeconds + " s",
                null, retryAfter(retryAfterSeconds));
    }

    private static HttpHeaders retryAfter(long seconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return headers;
    }
}
