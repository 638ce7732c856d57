package com.mindflow.auth.health;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Readiness needs Kafka: without it the outbox still fills, but no other service hears of new accounts. Boot has no
 * Kafka health check, so this asks the cluster for its nodes with a short timeout.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private final AdminClient admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka health check failed");
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000));
        int nodes = cluster.nodes().get(4, TimeUnit.SECONDS).size();
        builder.up().withDetail("clusterId", cluster.clusterId().get(4, TimeUnit.SECONDS)).withDetail("nodes", nodes);
    }

    @Override
    public void close() {
        admin.close();
    }
}
