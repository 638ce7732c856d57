package com.mindflow.localstack.elasticsearch;

import java.time.Duration;

import com.mindflow.localstack.Env;

/**
 * How the local Elasticsearch runs. Defaults are the conventions' fixed ports; each value can be overridden by an
 * environment variable ({@code MINDFLOW_ELASTICSEARCH_PORT}, {@code _TRANSPORT_PORT}, {@code _HEAP}, {@code _USER},
 * {@code _START_TIMEOUT} in seconds).
 *
 * @param heap         JVM heap, {@code -Xms} = {@code -Xmx} (e.g. {@code 512m}, {@code 1g})
 * @param user         the system user Elasticsearch runs as when the stack runs as root (Elasticsearch refuses root)
 * @param startTimeout how long {@code start()} waits for a yellow or green cluster
 */
public record ElasticsearchSettings(int httpPort, int transportPort, String heap, String user, Duration startTimeout) {

    public ElasticsearchSettings {
        if (!heap.matches("\\d+[kKmMgG]")) {
            throw new IllegalArgumentException("Elasticsearch heap must look like 512m or 1g, not '" + heap + "'");
        }
        if (!user.matches("[a-z_][a-z0-9_-]*")) {
            throw new IllegalArgumentException("not a system user name: '" + user + "'");
        }
    }

    public static ElasticsearchSettings fromEnvironment() {
        return new ElasticsearchSettings(
                Env.port("MINDFLOW_ELASTICSEARCH_PORT", 9200),
                Env.port("MINDFLOW_ELASTICSEARCH_TRANSPORT_PORT", 9300),
                Env.get("MINDFLOW_ELASTICSEARCH_HEAP", "512m"),
                Env.get("MINDFLOW_ELASTICSEARCH_USER", "mindflow"),
                // a cold start on a busy 2-core machine (the whole stack starting at once) has taken over 80 s
                Duration.ofSeconds(Long.parseLong(Env.get("MINDFLOW_ELASTICSEARCH_START_TIMEOUT", "300").trim())));
    }
}
