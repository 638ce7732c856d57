package com.mindflow.system.resilience;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** How many records each dead-letter topic ({@code *.dlt}) holds: a store outage must add none. */
final class DeadLetterTopics {

    private DeadLetterTopics() {
    }

    static Map<String, Long> records(String bootstrapServers) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.endsWith(".dlt")).toList();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            Map<String, Long> records = new TreeMap<>();
            topics.forEach(topic -> records.put(topic, 0L));
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, offsets) -> records.merge(partition.topic(), offsets.offset(), Long::sum));
            return records;
        }
    }
}
