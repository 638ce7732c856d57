package com.mindflow.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Relay tuning. The defaults favour latency: the relay wakes on PostgreSQL NOTIFY, and only falls back to polling
 * when a notification was missed.
 *
 * @param source            the owning service, stored in {@code outbox_events.source}; defaults to the application name
 * @param relayEnabled      whether this instance runs a relay (all instances may; only one leads at a time)
 * @param batchSize         rows published per round trip
 * @param idlePoll          longest wait for a NOTIFY before looking again anyway
 * @param standbyPoll       how often a standby instance tries to become the leader
 * @param maxBackoff        longest pause after a failed send (Kafka down) before retrying the same batch
 * @param retainPublished   how long published rows stay before the cleanup deletes them
 */
@ConfigurationProperties("mindflow.outbox")
public record OutboxSettings(
        String source,
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("500") int batchSize,
        @DefaultValue("500ms") Duration idlePoll,
        @DefaultValue("2s") Duration standbyPoll,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("1h") Duration retainPublished) {
}
