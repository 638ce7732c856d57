package com.mindflow.ai.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.mindflow.ai.AiProcessingIT;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.replay.RebuildRequested;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayCompleted;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;

/**
 * {@code ./mindflow rebuild ai} against the real servers, with the test playing command-service's part: the request
 * on {@code mindflow.projection-rebuilds.v1}, the replay on {@code mindflow.replay.v1}, markers last.
 */
class AiRebuildIT extends AiProcessingIT {

    private static final ReplayCodec REPLAY = new ReplayCodec();

    @Test
    void reDerivesWhatTheWriteSideHasNeverReadsAPrivateEntryAndWithdrawsWhatIsGone() {
        UUID user = registered();
        UUID kept = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        publish(live(user, kept, "Garden", "Planted tomatoes with my neighbour, a lovely sunny afternoon."));
        publish(live(user, gone, "Lost", "This entry was deleted while the AI was away."));
        eventually().until(() -> of(JournalEntryEmbedded.class, kept).size() == 1
                && of(JournalEntryEmbedded.class, gone).size() == 1);

        UUID rebuild = requestRebuild();
        UUID missed = UUID.randomUUID();
        UUID secret = UUID.randomUUID();
        replay(rebuild,
                replayed(user, kept, "Garden", "Planted tomatoes with my neighbour, a lovely sunny afternoon.", false),
                replayed(user, missed, "Before the AI", "Wrote this before the AI service ever ran: a calm walk.",
                        false),
                replayed(user, secret, "Mine", "Nobody may read this, not even a machine.", true));

        eventually().until(() -> jdbc.sql("SELECT outcome FROM ai_rebuilds WHERE rebuild_id = :id")
                .param("id", rebuild).query(String.class).optional().orElse(""), "completed"::equals);
        // The entry the AI never saw is analysed and embedded; the kept one derived again.
        assertThat(of(JournalEntryAnalysed.class, missed)).hasSize(1);
        eventually().until(() -> of(JournalEntryEmbedded.class, missed).size() == 1);
        assertThat(of(JournalEntryAnalysed.class, kept)).hasSize(2);
        // The private entry is never read: no analysis, no passage.
        assertThat(of(JournalEntryAnalysed.class, secret)).isEmpty();
        assertThat(of(JournalEntryEmbedded.class, secret)).isEmpty();
        // The entry the write side no longer has is withdrawn, its findings gone.
        assertThat(of(JournalEntryAnalysisWithdrawn.class, gone)).hasSize(1);
        assertThat(jdbc.sql("SELECT journal_entry_id FROM ai_entry_facts WHERE user_id = :id").param("id", user)
                .query(UUID.class).list()).containsExactlyInAnyOrder(kept, missed);
        assertThat(jdbc.sql("SELECT replayed FROM ai_rebuilds WHERE rebuild_id = :id").param("id", rebuild)
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aNewerRequestSupersedesTheRunningRebuildWhoseReplayIsThenIgnored() {
        UUID user = registered();
        UUID first = requestRebuild();
        UUID second = requestRebuild();
        assertThat(jdbc.sql("SELECT outcome FROM ai_rebuilds WHERE rebuild_id = :id").param("id", first)
                .query(String.class).single()).isEqualTo("superseded");

        UUID stale = UUID.randomUUID();
        replay(first, replayed(user, stale, "Old", "A replay of a rebuild nobody waits for any more.", false));
        UUID current = UUID.randomUUID();
        replay(second, replayed(user, current, "New", "The replay that counts, a quiet morning.", false));
        eventually().until(() -> jdbc.sql("SELECT outcome FROM ai_rebuilds WHERE rebuild_id = :id")
                .param("id", second).query(String.class).optional().orElse(""), "completed"::equals);
        assertThat(of(JournalEntryAnalysed.class, current)).hasSize(1);
        assertThat(of(JournalEntryAnalysed.class, stale)).isEmpty();
    }

    private UUID registered() {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        publish(EventEnvelope.of(new UserRegistered(user, user + "@example.com", "Tester", null, "Europe/Lisbon",
                "en", "system", true, new UserSettings(true, false, true, true, true),
                new UserConsent("v1.0", now, "v1.0", now, true, false), now), "test"));
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_users WHERE user_id = :id").param("id", user)
                .query(Integer.class).single() == 1);
        return user;
    }

    private UUID requestRebuild() {
        UUID id = UUID.randomUUID();
        kafka.send(Topics.REBUILDS, id.toString(), REPLAY.write(new RebuildRequested(id, "ai", Instant.now())))
                .join();
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_rebuilds WHERE rebuild_id = :id")
                .param("id", id).query(Integer.class).single() == 1);
        return id;
    }

    /** As command-service sends a replay: the snapshots with the rebuild's headers, then a marker per partition. */
    private void replay(UUID rebuild, EventEnvelope<?>... snapshots) {
        for (EventEnvelope<?> snapshot : snapshots) {
            ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.REPLAY, snapshot.key(),
                    CODEC.write(snapshot));
            EventHeaders.of(snapshot).forEach((name, value) -> record.headers().add(name, bytes(value)));
            tag(record, rebuild);
            kafka.send(record).join();
        }
        int partitions = kafka.partitionsFor(Topics.REPLAY).size();
        for (int p = 0; p < partitions; p++) {
            ProducerRecord<Object, Object> marker = new ProducerRecord<>(Topics.REPLAY, p, rebuild.toString(),
                    REPLAY.write(new ReplayCompleted(rebuild, "ai", "command-service", p, partitions,
                            snapshots.length, Instant.now())));
            marker.headers().add(EventHeaders.EVENT_TYPE, bytes(ReplayCompleted.TYPE));
            tag(marker, rebuild);
            kafka.send(marker).join();
        }
    }

    private static void tag(ProducerRecord<Object, Object> record, UUID rebuild) {
        record.headers().add(EventHeaders.REBUILD_ID, bytes(rebuild.toString()));
        record.headers().add(EventHeaders.REBUILD_SINK, bytes("ai"));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> List<T> of(Class<T> type, UUID entry) {
        return OUT.stream().filter(e -> type.isInstance(e.payload()) && e.aggregateId().equals(entry))
                .map(e -> type.cast(e.payload())).toList();
    }

    private static EventEnvelope<JournalEntryCreated> live(UUID user, UUID entry, String title, String content) {
        Instant now = Instant.now();
        return EventEnvelope.of(new JournalEntryCreated(entry, user, LocalDate.now(), title, content, Mood.HAPPY,
                List.of(), null, null, content.split("\\s+").length, 30, false, 1, now, now), "test");
    }

    private static EventEnvelope<JournalEntryReplayed> replayed(UUID user, UUID entry, String title, String content,
            boolean isPrivate) {
        Instant now = Instant.now();
        return EventEnvelope.of(new JournalEntryReplayed(entry, user, LocalDate.now(), title, content, Mood.HAPPY,
                List.of(), null, null, content.split("\\s+").length, 30, isPrivate, 1, now, now, null, List.of()),
                "rebuild");
    }
}
