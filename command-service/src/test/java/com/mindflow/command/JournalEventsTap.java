package com.mindflow.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.mindflow.events.EventHeaders;
import com.mindflow.events.Topics;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the journal topic from "now" on (not its whole history), keeping only one user's records: what a consumer of
 * command-service's events sees.
 */
public final class JournalEventsTap implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private JournalEventsTap(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    public static JournalEventsTap fromNow() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.servers().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = partitions(consumer);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the test writes
        return new JournalEventsTap(consumer);
    }

    /**
     * The topic's partitions. On a fresh broker the topic may not exist yet: the metadata request creates it (topics
     * are auto-created locally) and answers no partitions until it does.
     */
    public static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            partitions = consumer.partitionsFor(Topics.JOURNAL_ENTRIES, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                try {
                    Thread.sleep(100);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(partitions).as("partitions of %s", Topics.JOURNAL_ENTRIES).isNotEmpty();
        return partitions;
    }

    /** Waits until {@code user} has {@code count} events; answers them in topic order. */
    public List<Event> await(UUID user, int count) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (forUser(user).size() < count && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        List<Event> events = forUser(user);
        assertThat(events).as("events of %s", user).hasSizeGreaterThanOrEqualTo(count);
        return events;
    }

    /** Whatever else arrives for {@code user} within {@code wait}. */
    public List<Event> settle(UUID user, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return forUser(user);
    }

    private List<Event> forUser(UUID user) {
        return seen.stream().filter(r -> user.toString().equals(r.key()))
                .map(r -> new Event(header(r, EventHeaders.EVENT_TYPE), JSON.readTree(r.value()).path("payload"),
                        header(r, EventHeaders.LANE)))
                .toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** One record: its type (header), payload and lane header (null for a live write's). */
    public record Event(String type, JsonNode payload, String lane) {
    }

    @Override
    public void close() {
        consumer.close();
    }
}
