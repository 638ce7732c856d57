package com.mindflow.projection.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventCodec;
import com.mindflow.events.Topics;

/**
 * Re-drive: {@code POST /actuator/deadletters} (authenticated like every non-health endpoint) with
 * {@code {"topic": "mindflow.journal-entries.v1"}} republishes what was parked on that topic's dead-letter topic
 * since the last re-drive, with its key and headers, to the original topic (once, however many groups parked it;
 * records that are no event at all stay parked). Each sink's idempotence makes records
 * that a sink had meanwhile applied harmless. The position is the {@value #GROUP} consumer group's offset, so a
 * record is re-driven once; a record that fails again is parked again and waits for the next re-drive.
 */
@Component
@Endpoint(id = "deadletters")
public class DeadLetters {

    static final String GROUP = "projection-redrive";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private final KafkaTemplate<Object, Object> template;
    private final EventCodec codec = new EventCodec();
    private final DefaultKafkaConsumerFactory<String, String> consumers;

    DeadLetters(KafkaTemplate<Object, Object> template, KafkaProperties kafka) {
        this.template = template;
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** Republishes the parked records of {@code topic}'s dead-letter topic; returns how many. */
    @WriteOperation
    public Map<String, Object> redrive(String topic) {
        String deadLetter = Topics.deadLetter(topic);
        int count = 0;
        int skipped = 0;
        Set<String> sent = new HashSet<>();
        try (Consumer<String, String> consumer = consumers.createConsumer(GROUP, "redrive")) {
            // Assigned, not subscribed: no group rebalance to wait for; offsets still commit under GROUP.
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetter).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            // Everything parked up to now, and nothing parked while we re-drive (it waits for the next call).
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                List<CompletableFuture<?>> sends = new ArrayList<>();
                for (ConsumerRecord<String, String> parked : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(parked.topic(), parked.partition());
                    // Every group that failed a record parked its own copy: send it back once. A record that is
                    // not an event at all can never succeed: leave it parked.
                    if (parked.offset() >= end.get(partition)) {
                        continue;
                    }
                    if (!readable(parked.value()) || !sent.add(parked.value())) {
                        skipped++;
                        continue;
                    }
                    ProducerRecord<Object, Object> again = new ProducerRecord<>(topic, parked.key(), parked.value());
                    for (Header header : parked.headers()) {
                        // The recoverer's kafka_dlt-* headers describe the old failure, not this delivery.
                        if (!header.key().startsWith(KafkaHeaders.PREFIX)) {
                            again.headers().add(header);
                        }
                    }
                    sends.add(template.send(again));
                    count++;
                }
                sends.forEach(CompletableFuture::join);
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            // Up to where we got: a call cut short by the deadline continues there next time.
            partitions.forEach(p -> done.put(p, new OffsetAndMetadata(Math.min(consumer.position(p), end.get(p)))));
            consumer.commitSync(done);
        }
        return Map.of("topic", topic, "deadLetterTopic", deadLetter, "redriven", count, "skipped", skipped);
    }

    private boolean readable(String value) {
        try {
            return value != null && codec.read(value) != null;
        }
        catch (RuntimeException unreadable) {
            return false;
        }
    }
}
