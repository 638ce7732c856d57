package com.mindflow.events.ops;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One log event of a service at level ERROR (seed collection {@code application_logs}).
 *
 * @param id    unique per log event; consumers deduplicate redeliveries by it
 * @param level the seed's {@code DEBUG | INFO | WARN | ERROR | FATAL}
 * @param pod   the host (in Kubernetes the pod) name, when known
 */
public record ApplicationLogRecord(UUID id, Instant timestamp, String level, String service, String message,
        Context context, ErrorDetails error, String pod) {

    public ApplicationLogRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(level, "level");
        context = context == null ? new Context(null, null, null, null, null, null) : context;
    }

    /** The key on the wire: the request's id when the event happened inside a request, else the record's own id. */
    public String key() {
        return context.requestId() != null ? context.requestId() : id.toString();
    }

    /**
     * Where it happened.
     *
     * @param requestId     the {@link ApiRequestRecord#requestId()} of the request being served, if any
     * @param correlationId the correlation id of the work (HTTP {@code X-Request-Id} or the Kafka record's)
     * @param logger        the logger's name
     * @param function      the logging class and method, {@code com.example.Type.method}
     * @param line          the line of the logging call, when known
     */
    public record Context(UUID userId, String requestId, String correlationId, String logger, String function,
            Integer line) {
    }
}
