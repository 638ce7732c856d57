package com.mindflow.projection.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import com.mindflow.events.Topics;
import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;

/** A poison record is parked on the dead-letter topic and the partition moves on; a re-drive sends it back. */
class DeadLetterIT extends ProjectionTest {

    @Autowired
    private KafkaProperties kafkaProperties;

    @Autowired
    private DeadLetters deadLetters;

    @Test
    void poisonIsParkedWhileLaterEventsFlowAndARedriveRepublishesIt() {
        Events user = new Events();
        String unreadable = "{not json at all " + UUID.randomUUID();
        UUID poisonEntry = UUID.randomUUID();
        // Valid shape, but the read model cannot store it: journals_view.title is varchar(200).
        String tooLong = "t".repeat(300);
        UUID good = UUID.randomUUID();
        publishRaw(Topics.JOURNAL_ENTRIES, user.userId().toString(), unreadable);
        publish(user.created(poisonEntry, LocalDate.of(2025, 4, 1), tooLong, "x", Mood.HAPPY, List.of()));
        publish(user.created(good, LocalDate.of(2025, 4, 2), "Fine", "a fine entry", Mood.HAPPY, List.of()));

        eventually().until(() -> read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", good)
                .query(Long.class).single() == 1);
        String deadLetter = Topics.deadLetter(Topics.JOURNAL_ENTRIES);
        eventually().until(() -> parked(deadLetter, unreadable) >= 1 && parked(deadLetter, poisonEntry.toString()) == 1);
        assertThat(read.sql("SELECT COUNT(*) FROM journals_view WHERE id = :id").param("id", poisonEntry)
                .query(Long.class).single()).isZero();

        Map<String, Object> result = deadLetters.redrive(Topics.JOURNAL_ENTRIES);
        assertThat((Integer) result.get("redriven")).isGreaterThanOrEqualTo(1);
        assertThat((Integer) result.get("skipped")).isGreaterThanOrEqualTo(1);
        // Back on the topic, still poison for the read model: parked a second time, nothing blocked.
        eventually().until(() -> parked(deadLetter, poisonEntry.toString()) == 2);
        assertThat(deadLetters.redrive(Topics.JOURNAL_ENTRIES).get("redriven")).isNotEqualTo(0);
    }

    /** How many records on the topic contain the marker (read from the start, outside any group). */
    private long parked(String topic, String marker) {
        Map<String, Object> config = kafkaProperties.buildConsumerProperties();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records.stream().filter(r -> r.value() != null && r.value().contains(marker)).count();
        }
    }
}
