package com.mindflow.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mindflow.request-log.*}: the gateway's request log, one record per client request to Kafka (Kafka's address:
 * {@code spring.kafka.bootstrap-servers}, env {@code MINDFLOW_KAFKA_BOOTSTRAP}).
 *
 * @param enabled       off: no record, no producer (the services still answer the internal headers; they are removed)
 * @param queueCapacity records waiting for the sender thread; beyond it records are dropped (and counted)
 * @param drainInterval how often the sender thread hands what was queued to the producer; the event loop only queues
 *                      and never wakes a thread
 * @param linger        how long the producer waits to fill a batch ({@code linger.ms})
 * @param batchSize     bytes of one batch per partition ({@code batch.size}), before compression
 * @param compression   {@code compression.type}: lz4 costs little CPU and shrinks the repetitive JSON several times
 * @param maxBlock      how long the producer may wait for metadata or buffer space (on the sender thread, never the
 *                      event loop)
 */
@ConfigurationProperties("mindflow.request-log")
record RequestLogSettings(@DefaultValue("true") boolean enabled, @DefaultValue("8192") int queueCapacity,
        @DefaultValue("20ms") Duration drainInterval, @DefaultValue("100ms") Duration linger,
        @DefaultValue("131072") int batchSize, @DefaultValue("lz4") String compression,
        @DefaultValue("1s") Duration maxBlock) {
}
