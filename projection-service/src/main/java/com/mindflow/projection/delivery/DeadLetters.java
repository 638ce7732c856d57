package com.mindflow.projection.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.KafkaHeaders;

import com.mindflow.events.EventCodec;
import com.mindflow.events.Topics;

/**
 * Re-drive: republishes what was parked on a topic's dead-letter topic since the last re-drive, with its key and
 * headers, to the original topic (once, however many groups parked it; records that are no event at all stay
 * parked). Each sink's idempotence makes records that a sink had meanwhile applied harmless. The position is the
 * {@value #GROUP} consumer group's offset, so a record is re-driven once; a record that fails again is parked again
 * and waits for the next re-drive.
 * <p>
 * An operator's command ({@link RedriveDeadLetters}, {@code ./mindflow redrive <topic>}), not an HTTP endpoint: it
 * needs nothing but the broker, and who can reach Kafka operates MindFlow, so no user token can ever trigger it.
 */
public final class DeadLetters {

    static final String GROUP = "projection-redrive";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    /** What one re-drive did: {@code redriven} records sent back, {@code skipped} duplicates and non-events. */
    public record Redriven(String topic, String deadLetterTopic, int redriven, int skipped) {
    }

    private final String bootstrapServers;
    /** The service's shared client properties ({@code spring.kafka.properties.*}: security protocol, SASL, …). */
    private final Map<String, String> clientProperties;
    private final EventCodec codec = new EventCodec();

    public DeadLetters(String bootstrapServers, Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** Republishes the parked records of {@code topic}'s dead-letter topic. */
    public Redriven redrive(String topic) {
        String deadLetter = Topics.deadLetter(topic);
        int count = 0;
        int skipped = 0;
        Set<String> sent = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                        new StringSerializer())) {
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
                List<Future<?>> sends = new ArrayList<>();
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
                    ProducerRecord<String, String> again = new ProducerRecord<>(topic, parked.key(), parked.value());
                    for (Header header : parked.headers()) {
                        // The recoverer's kafka_dlt-* headers describe the old failure, not this delivery.
                        if (!header.key().startsWith(KafkaHeaders.PREFIX)) {
                            again.headers().add(header);
                        }
                    }
                    sends.add(producer.send(again));
                    count++;
                }
                for (Future<?> send : sends) {
                    send.get();
                }
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            // Up to where we got: a call cut short by the deadline continues there next time.
            partitions.forEach(p -> done.put(p, new OffsetAndMetadata(Math.min(consumer.position(p), end.get(p)))));
            consumer.commitSync(done);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Re-drive interrupted", e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("Re-drive could not republish: " + e.getCause(), e.getCause());
        }
        return new Redriven(topic, deadLetter, count, skipped);
    }

    private Map<String, Object> consumerConfig() {
        return withClientProperties(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, "redrive",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    private Map<String, Object> producerConfig() {
        return withClientProperties(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
    }

    private Map<String, Object> withClientProperties(Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(own);
        return config;
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
