package com.mindflow.projection.rebuild;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayCompleted;

/**
 * What every sink's replay listener does with a record of the replay topic: skip other sinks' and stale rebuilds'
 * records, apply snapshots, count completion markers and complete the rebuild after the last one.
 */
@Component
public class ReplayConsumer {

    private static final Logger log = LoggerFactory.getLogger(ReplayConsumer.class);

    private final Rebuilds rebuilds;
    private final EventCodec events = new EventCodec();
    private final ReplayCodec markers = new ReplayCodec();

    ReplayConsumer(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    public void consume(SinkRebuild sink, ConsumerRecord<String, String> record) throws IOException {
        if (!sink.sink().equals(header(record, EventHeaders.REBUILD_SINK))) {
            return;
        }
        String id = header(record, EventHeaders.REBUILD_ID);
        Optional<Rebuild> rebuild = id == null ? Optional.empty()
                : rebuilds.running(sink.sink()).filter(r -> r.id().equals(UUID.fromString(id)));
        if (rebuild.isEmpty()) {
            log.debug("Skipping a replay record of rebuild {}: not the running rebuild of {}", id, sink.sink());
            return;
        }
        if (ReplayCompleted.TYPE.equals(header(record, EventHeaders.EVENT_TYPE))) {
            ReplayCompleted marker = (ReplayCompleted) markers.read(record.value());
            if (!sink.sources().contains(marker.source())) {
                return; // a source this sink does not wait for
            }
            if (rebuilds.partitionCompleted(marker.rebuildId(), marker.source() + ":" + marker.partition(),
                    marker.partitions() * sink.sources().size())) {
                rebuilds.completeOnce(marker.rebuildId(), sink::complete);
                log.info("Rebuild {} of {} completed: {} snapshots as of {}", marker.rebuildId(), sink.sink(),
                        marker.snapshots(), marker.asOf());
            }
            return;
        }
        sink.apply(rebuild.get(), events.read(record.value()));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
