package com.mindflow.command.replay;

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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.mindflow.command.ApiTestBase;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.events.journal.WritingStreakUpdated;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayCompleted;
import com.mindflow.events.replay.SnapshotsRequested;
import com.mindflow.testsupport.LocalStack;

/** A sink's request for snapshots, answered from the write database as projection-service would see it. */
class JournalReplayIT extends ApiTestBase {

    private static final EventCodec EVENTS = new EventCodec();
    private static final ReplayCodec REPLAY = new ReplayCodec();

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void replaysEveryEntryThatStillExistsWithTagsAndAttachmentsThenMarksEachPartitionComplete() throws Exception {
        Caller ana = newUser();
        String live = post(ana, "/api/journals", """
                {"title": "Live", "content": "still here", "mood": "happy", "tags": ["walk", "calm"],
                 "date": "2025-06-01"}""").json().get("id").asString();
        String deleted = post(ana, "/api/journals", """
                {"title": "Deleted", "content": "restorable", "date": "2025-06-02"}""").json().get("id").asString();
        assertThat(call("DELETE", "/api/journals/" + deleted, ana.token(), null, Map.of()).status()).isEqualTo(204);
        UUID attachment = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO attachments (id, journal_entry_id, file_name, file_size, mime_type, s3_key, s3_url)
                VALUES (:id, :entry, 'a.png', 10, 'image/png', 'users/a/a.png', 'http://s3/a.png')
                """).param("id", attachment).param("entry", UUID.fromString(live)).update();
        Caller gone = newUser();
        String erased = post(gone, "/api/journals", """
                {"title": "Erased", "content": "must not come back", "date": "2025-06-03"}""")
                .json().get("id").asString();
        jdbc.sql("UPDATE users SET deleted_at = now(), purge_after = now(), is_active = false WHERE id = :id")
                .param("id", gone.id())
                .update();

        // A new group starts at the end of the topic: the request must come after it joined.
        MessageListenerContainer requests = listeners.getListenerContainer(SnapshotRequests.GROUP);
        Instant joined = Instant.now().plusSeconds(30);
        while ((requests.getAssignedPartitions() == null || requests.getAssignedPartitions().isEmpty())
                && Instant.now().isBefore(joined)) {
            Thread.sleep(100);
        }
        UUID rebuild = UUID.randomUUID();
        List<ConsumerRecord<String, String>> replayed;
        try (KafkaConsumer<String, String> consumer = replayConsumer()) {
            kafka.send(new ProducerRecord<>(Topics.REBUILDS, rebuild.toString(),
                    REPLAY.write(new SnapshotsRequested(rebuild, "search", Instant.now())))).get();
            replayed = readUntilComplete(consumer, rebuild);
        }

        List<ConsumerRecord<String, String>> markers = replayed.stream()
                .filter(r -> "ReplayCompleted".equals(header(r, EventHeaders.EVENT_TYPE))).toList();
        List<ConsumerRecord<String, String>> snapshots = replayed.stream().filter(r -> !markers.contains(r)).toList();
        List<EventEnvelope<?>> envelopes = snapshots.stream().<EventEnvelope<?>>map(r -> EVENTS.read(r.value())).toList();
        List<JournalEntryReplayed> entries = envelopes.stream().map(EventEnvelope::payload)
                .filter(JournalEntryReplayed.class::isInstance).map(JournalEntryReplayed.class::cast).toList();

        JournalEntryReplayed liveEntry = entry(entries, live);
        assertThat(liveEntry.deleted()).isFalse();
        assertThat(liveEntry.tags()).containsExactly("calm", "walk");
        assertThat(liveEntry.attachments()).singleElement()
                .satisfies(a -> assertThat(a.attachmentId()).isEqualTo(attachment));
        assertThat(entry(entries, deleted).deletedAt()).as("a restorable entry comes with its deletion").isNotNull();
        assertThat(entries).noneMatch(e -> e.entryId().toString().equals(erased));
        assertThat(envelopes).anySatisfy(e -> assertThat(e.payload()).isInstanceOfSatisfying(
                WritingStreakUpdated.class, s -> assertThat(s.userId()).isEqualTo(ana.id())));

        int partitions = kafka.partitionsFor(Topics.REPLAY).size();
        assertThat(markers).extracting(ConsumerRecord::partition).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, partitions).boxed().toList());
        for (ConsumerRecord<String, String> marker : markers) {
            ReplayCompleted completed = (ReplayCompleted) REPLAY.read(marker.value());
            assertThat(completed.snapshots()).isEqualTo(snapshots.size());
            assertThat(completed.source()).isEqualTo("command-service");
            assertThat(snapshots).as("snapshots on partition %d come before its marker", marker.partition())
                    .filteredOn(r -> r.partition() == marker.partition())
                    .allMatch(r -> r.offset() < marker.offset());
        }
        assertThat(snapshots).allMatch(r -> "search".equals(header(r, EventHeaders.REBUILD_SINK)));
    }

    private static JournalEntryReplayed entry(List<JournalEntryReplayed> entries, String id) {
        return entries.stream().filter(e -> e.entryId().toString().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError("entry " + id + " was not replayed"));
    }

    private static KafkaConsumer<String, String> replayConsumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.servers().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.partitionsFor(Topics.REPLAY, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** This rebuild's records, until a marker arrived from every partition. */
    private static List<ConsumerRecord<String, String>> readUntilComplete(KafkaConsumer<String, String> consumer,
            UUID rebuild) {
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        int partitions = consumer.assignment().size();
        Instant deadline = Instant.now().plusSeconds(60);
        while (mine.stream().filter(r -> "ReplayCompleted".equals(header(r, EventHeaders.EVENT_TYPE))).count()
                < partitions && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                if (rebuild.toString().equals(header(record, EventHeaders.REBUILD_ID))) {
                    mine.add(record);
                }
            });
        }
        return mine;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
