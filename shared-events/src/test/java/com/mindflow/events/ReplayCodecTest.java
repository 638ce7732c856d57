package com.mindflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.events.replay.RebuildRequested;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayCompleted;
import com.mindflow.events.replay.ReplayMessage;
import com.mindflow.events.replay.SnapshotsRequested;

import tools.jackson.core.JacksonException;

class ReplayCodecTest {

    private static final UUID REBUILD = UUID.fromString("7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c21");
    private static final Instant AT = Instant.parse("2026-11-27T07:00:00Z");

    private final ReplayCodec codec = new ReplayCodec();

    @Test
    void namesEachMessageByItsTypeOnTheWire() {
        assertThat(codec.write(new RebuildRequested(REBUILD, "search", AT))).isEqualTo(
                "{\"type\":\"RebuildRequested\",\"rebuildId\":\"" + REBUILD
                        + "\",\"sink\":\"search\",\"requestedAt\":\"2026-11-27T07:00:00Z\"}");
    }

    @Test
    void readsBackWhatItWrote() {
        for (ReplayMessage message : new ReplayMessage[] {new RebuildRequested(REBUILD, "search", AT),
                new SnapshotsRequested(REBUILD, "read-model", AT),
                new ReplayCompleted(REBUILD, "search", "command-service", 2, 3, 1_234, AT)}) {
            assertThat(codec.read(codec.write(message))).isEqualTo(message);
        }
    }

    @Test
    void refusesAnUnknownTypeAndAMarkerOutsideItsPartitions() {
        assertThatThrownBy(() -> codec.read("{\"type\":\"Nope\",\"rebuildId\":\"" + REBUILD + "\"}"))
                .isInstanceOf(JacksonException.class);
        assertThatIllegalArgumentException().isThrownBy(() -> new ReplayCompleted(REBUILD, "search", "command-service", 3, 3, 0, AT));
    }
}
