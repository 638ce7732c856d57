package com.mindflow.ai.analysis.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.mindflow.events.EventHeaders;

/** Which lane a record travels in: a bulk write's (an import's entries) or live. */
public final class Lanes {

    /** The consumer group that analyses and embeds a bulk write's entries. */
    public static final String BULK_GROUP = "ai-entry-bulk";

    private static final byte[] BULK = EventHeaders.BULK.getBytes(StandardCharsets.UTF_8);

    private Lanes() {
    }

    /** True for a bulk write's record ({@link EventHeaders#LANE}); read from the headers, the value stays unparsed. */
    public static boolean isBulk(ConsumerRecord<?, ?> record) {
        Header lane = record.headers().lastHeader(EventHeaders.LANE);
        return lane != null && Arrays.equals(lane.value(), BULK);
    }
}
