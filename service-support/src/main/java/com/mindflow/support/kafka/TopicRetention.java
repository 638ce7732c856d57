package com.mindflow.support.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Kafka keeps MindFlow's records. Every topic carries user data (events hold journal content, the
 * operational records user ids and addresses), and a log cannot delete one user's records, so this bound is how long
 * an erased user's data can outlive the purge in Kafka: at most {@code retention + segment} (a segment goes as a
 * whole once its newest record is older than the retention) plus the broker's 5-minute check interval.
 *
 * @param retention how long a record is kept ({@code retention.ms})
 * @param segment   how long a segment stays open before it rolls ({@code segment.ms})
 */
@ConfigurationProperties("mindflow.kafka.topics")
public record TopicRetention(
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1d") Duration segment) {
}
