package com.mindflow.events.ops;

/**
 * The internal HTTP headers between api-gateway and the services behind it, for the request log the gateway writes
 * (one {@link ApiRequestRecord} per client request). None of them ever reaches a client or comes from one: the
 * gateway removes them from every incoming request and every outgoing answer.
 */
public final class RequestLogHeaders {

    /**
     * Gateway to service: the {@link ApiRequestRecord#requestId()} of the request, so the service's ERROR records
     * ({@link ApplicationLogRecord.Context#requestId()}) name the record the gateway writes.
     */
    public static final String API_REQUEST_ID = "X-Mindflow-Api-Request-Id";

    /**
     * Service to gateway: the id of the user whose access token the service accepted for this request (absent when
     * anonymous). The gateway validates no token itself; this is how its record knows the user.
     */
    public static final String USER_ID = "X-Mindflow-User-Id";

    /** Service to gateway: the path pattern the service matched, e.g. {@code /api/journals/{id}}. */
    public static final String ROUTE = "X-Mindflow-Route";

    private RequestLogHeaders() {
    }
}
