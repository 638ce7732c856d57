package com.mindflow.support.correlation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

import com.mindflow.events.EventHeaders;

/**
 * The correlation id of one piece of work: the HTTP request id a client or the gateway sent (or a new one), carried
 * in the log MDC as {@code requestId} and across Kafka in the record header {@link #KAFKA_HEADER}.
 *
 * <p>The Kafka header is shared-events' {@link EventHeaders#CORRELATION_ID} (the outbox relay sets it from the event
 * envelope); the HTTP header is the contract with the gateway.
 */
public final class Correlation {

    /** HTTP header that carries the id, in and out. */
    public static final String HTTP_HEADER = "X-Request-Id";

    /** Kafka record header that carries the id from producer to consumer. */
    public static final String KAFKA_HEADER = EventHeaders.CORRELATION_ID;

    /** MDC key of the correlation id; appears in every JSON log line as {@code requestId}. */
    public static final String MDC_REQUEST_ID = "requestId";

    /** MDC key of the authenticated user's id. */
    public static final String MDC_USER_ID = "userId";

    /**
     * Request attribute holding the authenticated user's id (a string), set once the token is accepted, for code that
     * runs after Spring Security has cleared its context (the request log).
     */
    public static final String USER_ID_ATTRIBUTE = Correlation.class.getName() + ".userId";

    // Ids from outside are echoed into headers and logs: only short, plain tokens are taken as they are.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Correlation() {
    }

    /** The incoming id when it is acceptable, otherwise a new random one. */
    public static String acceptOrCreate(String incoming) {
        return isAcceptable(incoming) ? incoming : newId();
    }

    public static boolean isAcceptable(String id) {
        return id != null && ACCEPTABLE.matcher(id).matches();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The correlation id of the current thread's work, or null. */
    public static String current() {
        return MDC.get(MDC_REQUEST_ID);
    }

    /** Adds the current correlation id to Kafka headers unless they already carry one. */
    public static void copyTo(Headers headers) {
        copyTo(headers, current());
    }

    /** Adds the given correlation id to Kafka headers unless they already carry one (e.g. from an outbox row). */
    public static void copyTo(Headers headers, String id) {
        if (id != null && headers.lastHeader(KAFKA_HEADER) == null) {
            headers.add(KAFKA_HEADER, id.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The correlation id a Kafka record carries, or null. */
    public static String from(Headers headers) {
        Header header = headers.lastHeader(KAFKA_HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        String id = new String(header.value(), StandardCharsets.UTF_8);
        return isAcceptable(id) ? id : null;
    }
}
