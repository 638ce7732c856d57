package com.mindflow.support.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.Topics;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayCompleted;

/**
 * Sends one service's snapshots for a rebuild on {@link Topics#REPLAY}: pages keyed by user, each acknowledged
 * before the next (memory stays flat), then a {@link ReplayCompleted} marker on every partition, sent only after every
 * snapshot was acknowledged, so per partition it comes last.
 */
public final class ReplayPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final KafkaTemplate<String, String> kafka;
    private final String source;
    private final EventCodec events = new EventCodec();
    private final ReplayCodec markers = new ReplayCodec();

    /** @param source the publishing service, named in its markers (e.g. {@code command-service}) */
    public ReplayPublisher(KafkaTemplate<String, String> kafka, String source) {
        this.kafka = kafka;
        this.source = source;
    }

    /** Sends a page of snapshots and waits until each is acknowledged. */
    public void send(UUID rebuildId, String sink, List<? extends EventEnvelope<?>> page) {
        List<CompletableFuture<?>> sent = new ArrayList<>(page.size());
        for (EventEnvelope<?> envelope : page) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.REPLAY, envelope.key(),
                    events.write(envelope));
            EventHeaders.of(envelope).forEach((name, value) -> record.headers().add(name, value.getBytes(UTF_8)));
            tag(record, rebuildId, sink);
            sent.add(kafka.send(record));
        }
        await(sent);
    }

    /** Marks every partition complete for this source: {@code snapshots} were sent, all as of {@code asOf}. */
    public void complete(UUID rebuildId, String sink, long snapshots, Instant asOf) {
        int partitions = kafka.partitionsFor(Topics.REPLAY).size();
        List<CompletableFuture<?>> sent = new ArrayList<>(partitions);
        for (int partition = 0; partition < partitions; partition++) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.REPLAY, partition, rebuildId.toString(),
                    markers.write(new ReplayCompleted(rebuildId, sink, source, partition, partitions, snapshots, asOf)));
            record.headers().add(EventHeaders.EVENT_TYPE, ReplayCompleted.TYPE.getBytes(UTF_8));
            tag(record, rebuildId, sink);
            sent.add(kafka.send(record));
        }
        await(sent);
    }

    private static void tag(ProducerRecord<String, String> record, UUID rebuildId, String sink) {
        record.headers().add(EventHeaders.REBUILD_ID, rebuildId.toString().getBytes(UTF_8));
        record.headers().add(EventHeaders.REBUILD_SINK, sink.getBytes(UTF_8));
    }

    private static void await(List<CompletableFuture<?>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Replay could not be published", e);
        }
    }
}
