package com.mindflow.events.ops;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One HTTP request served by a MindFlow service (seed collection {@code api_requests}).
 *
 * @param requestId     unique per request served (a new UUID; the key and the store's unique id)
 * @param correlationId the {@code X-Request-Id} the request came with (or was given), shared with logs and events
 * @param route         the matched route pattern, e.g. {@code /api/journals/{id}}; {@code null} when none matched
 * @param query         query parameters, sensitive values masked; several values of one name joined by {@code ,}
 * @param headers       {@code user-agent} and {@code content-type} only
 * @param responseTime  milliseconds from the request's arrival at the service to its completion
 * @param responseSize  bytes of the response body when known
 * @param userId        the authenticated user, {@code null} when anonymous
 * @param error         for 5xx answers: what failed (no stack: that is in the application log)
 */
public record ApiRequestRecord(String requestId, String correlationId, Instant timestamp, String service,
        String method, String path, String route, Map<String, String> query, Map<String, String> headers,
        int statusCode, long responseTime, Long responseSize, UUID userId, String ipAddress, ErrorDetails error) {

    public ApiRequestRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(timestamp, "timestamp");
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
