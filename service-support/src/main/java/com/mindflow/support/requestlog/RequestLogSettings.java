package com.mindflow.support.requestlog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mindflow.request-log.*}: the error log (and, for a service exposed without api-gateway, the request
 * log) every servlet service sends to Kafka. Kafka's address is
 * {@code spring.kafka.bootstrap-servers} (and {@code spring.kafka.properties.*}), as for the service's other clients.
 *
 * @param enabled         off switches the filter, the appender and the producer off altogether
 * @param recordRequests  whether the service sends a record of every request it serves itself; off by default, since
 *                        api-gateway writes the one record of each client request (the service answers it the user
 *                        and route in internal headers); on only for a service exposed without the gateway
 * @param queueCapacity   records waiting for the producer; beyond it records are dropped (and counted)
 * @param maxBlock        how long the producer may wait for metadata or buffer space (on its own thread, never a
 *                        request's)
 * @param maxStackChars   the stack trace of an application log is cut here
 */
@ConfigurationProperties("mindflow.request-log")
public record RequestLogSettings(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean recordRequests,
        @DefaultValue("2048") int queueCapacity, @DefaultValue("1s") Duration maxBlock,
        @DefaultValue("8192") int maxStackChars) {
}
