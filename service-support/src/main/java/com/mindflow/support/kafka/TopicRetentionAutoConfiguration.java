package com.mindflow.support.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

import com.mindflow.events.Topics;

/**
 * Declares every MindFlow topic and its dead-letter topic with the {@link TopicRetention} bound, and has Spring's
 * {@link KafkaAdmin} correct the settings of topics that already exist (auto-created with the broker's defaults),
 * so the bound the README promises holds whatever the broker was configured with. Partitions and replication stay
 * the broker's defaults. Every service declares the same, so whichever starts first sets them.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(TopicRetention.class)
public class TopicRetentionAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    KafkaAdmin.NewTopics mindflowTopics(KafkaAdmin admin, TopicRetention retention) {
        admin.setModifyTopicConfigs(true);
        Map<String, String> configs = Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.retention().toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(retention.segment().toMillis()),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : topicsWithUserData()) {
            topics.add(new NewTopic(topic, Optional.empty(), Optional.empty()).configs(configs));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** Every topic and its dead-letter topic. */
    public static List<String> topicsWithUserData() {
        List<String> names = new ArrayList<>();
        for (String topic : concat(Topics.all(), Topics.operational())) {
            names.add(topic);
            names.add(Topics.deadLetter(topic));
        }
        return names;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
