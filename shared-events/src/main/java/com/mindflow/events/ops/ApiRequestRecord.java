package com.mindflow.events.ops;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One HTTP request of a client (seed collection {@code api_requests}), written once, by api-gateway ({@code service}
 * {@code api-gateway}); a service exposed without the gateway may write its own ({@code service} its name).
 *
 * @param requestId     unique per request (a new UUID; the key and the store's unique id); the gateway passes it
 *                      to the service ({@link RequestLogHeaders#API_REQUEST_ID}), so the service's ERROR records name it
 * @param correlationId the {@code X-Request-Id} the request came with (or was given), shared with logs and events
 * @param route         the path pattern the service matched, e.g. {@code /api/journals/{id}}; when the service did
 *                      not answer (unreachable, timed out) the gateway's route id, e.g. {@code reads}; {@code null}
 *                      when nothing matched
 * @param query         query parameters, sensitive values masked, search text ({@code q}, {@code prefix},
 *                      {@code tag}) left out; several values of one name joined by {@code ,}
 * @param headers       {@code user-agent} and {@code content-type} only
 * @param responseTime  milliseconds from the request's arrival (at the gateway) to its completion
 * @param responseSize  bytes of the response body when known
 * @param userId        the authenticated user, {@code null} when anonymous
 * @param error         for 5xx answers: what failed as the gateway saw it (its own failure to reach the service, or
 *                      the status' reason); what failed inside the service, with its stack, is the service's
 *                      {@link ApplicationLogRecord} with the same request id
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
