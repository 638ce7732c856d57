package com.mindflow.projection.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.EventHeaders;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightType;
import com.mindflow.events.journal.JournalEntryReplayed.ReplayedAttachment;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.replay.RebuildRequested;
import com.mindflow.events.replay.ReplayCodec;
import com.mindflow.events.replay.ReplayCompleted;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

/**
 * Rebuilds driven through Kafka as in production, with this test playing the write side: it waits for the sink to
 * prepare, then publishes the snapshots and the completion markers on the replay topic.
 */
class RebuildIT extends ProjectionTest {

    private static final ReplayCodec REPLAY = new ReplayCodec();

    @Autowired
    private ElasticsearchClient es;

    @Test
    void searchIsRebuiltIntoANewIndexThatAlsoTakesLiveChangesAndThenReplacesTheOldOne() throws IOException {
        Events ana = new Events();
        UUID kept = UUID.randomUUID();
        UUID edited = UUID.randomUUID();
        UUID ghost = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        LocalDate day = LocalDate.of(2025, 11, 3);
        publish(ana.created(kept, day, "Kept", "kept words", Mood.HAPPY, List.of("a")),
                ana.created(edited, day.plusDays(1), "Edited v1", "first words", Mood.SAD, List.of("b")),
                ana.created(ghost, day.plusDays(2), "Ghost", "gone from the write side", Mood.SAD, List.of()));
        eventually().until(() -> titles(JournalSearchIndex.ALIAS, ana.userId()).size() == 3);
        String before = aliasIndex();

        UUID rebuild = requestRebuild("search");
        String target = read.sql("SELECT target FROM projection_rebuilds WHERE rebuild_id = :id")
                .param("id", rebuild).query(String.class).single();
        // A live edit while the replay runs reaches the new index too; the replay's older state cannot undo it.
        publish(ana.updated(edited, day.plusDays(1), "Edited v2", "second words", Mood.HAPPY, List.of("b"), 2));
        eventually().until(() -> "Edited v2".equals(titles(target, ana.userId()).get(edited.toString())));
        replay(rebuild, "search", ana.replayed(kept, day, "Kept", 1, null),
                ana.replayed(edited, day.plusDays(1), "Edited v1", 1, null),
                ana.replayed(lost, day.plusDays(3), "Lost", 1, null),
                ana.replayed(deleted, day.plusDays(4), "Deleted", 2, Instant.now()));
        awaitCompleted(rebuild);

        assertThat(aliasIndex()).isEqualTo(target).isNotEqualTo(before);
        assertThat(es.indices().exists(e -> e.index(before)).value()).as("old index dropped").isFalse();
        assertThat(es.indices().existsAlias(a -> a.name(JournalSearchIndex.ALIAS + "_rebuild")).value()).isFalse();
        Map<String, String> rebuilt = titles(JournalSearchIndex.ALIAS, ana.userId());
        assertThat(rebuilt).containsExactlyInAnyOrderEntriesOf(Map.of(kept.toString(), "Kept",
                edited.toString(), "Edited v2", lost.toString(), "Lost"));

        // Twice gives the same state.
        UUID again = requestRebuild("search");
        replay(again, "search", ana.replayed(kept, day, "Kept", 1, null),
                ana.replayed(edited, day.plusDays(1), "Edited v2", 2, null),
                ana.replayed(lost, day.plusDays(3), "Lost", 1, null),
                ana.replayed(deleted, day.plusDays(4), "Deleted", 2, Instant.now()));
        awaitCompleted(again);
        assertThat(aliasIndex()).isNotEqualTo(target);
        assertThat(titles(JournalSearchIndex.ALIAS, ana.userId())).isEqualTo(rebuilt);
    }

    @Test
    void theReadModelIsRepairedInPlaceWhatIsGoneIsSweptAndLiveChangesSurvive() {
        Events bo = new Events();
        UUID damaged = UUID.randomUUID();
        UUID missing = UUID.randomUUID();
        UUID ghost = UUID.randomUUID();
        UUID attachment = UUID.randomUUID();
        LocalDate november = LocalDate.of(2025, 11, 3);
        LocalDate march = LocalDate.of(2025, 3, 9);
        publish(bo.registered("Bo"), bo.created(damaged, november, "Damaged", "some words", Mood.HAPPY, List.of()),
                bo.created(missing, november.plusDays(1), "Missing", "more words", Mood.SAD, List.of()),
                bo.created(ghost, march, "Ghost", "gone from the write side", Mood.SAD, List.of()),
                bo.attachmentAdded(damaged, attachment, 2));
        eventually().until(() -> rows(bo.userId()).size() == 3 && attachments(damaged) == 1);
        read.sql("UPDATE journals_view SET title = 'garbage', attachment_count = 0 WHERE id = :id")
                .param("id", damaged).update();
        read.sql("DELETE FROM journals_view WHERE id = :id").param("id", missing).update();
        read.sql("UPDATE user_profile_view SET display_name = 'garbled' WHERE id = :id").param("id", bo.userId())
                .update();

        UUID rebuild = requestRebuild("read-model");
        UUID duringRebuild = UUID.randomUUID();
        publish(bo.created(duringRebuild, november.plusDays(2), "Written meanwhile", "live words", Mood.HAPPY,
                List.of()));
        eventually().until(() -> rows(bo.userId()).containsKey(duringRebuild.toString()));
        EventEnvelope<?>[] snapshots = {
                bo.replayed(damaged, november, "Damaged", 2, null, new ReplayedAttachment(attachment, "a.png", 10,
                        "image/png", "users/x/a.png", null, Instant.parse("2025-11-03T10:00:00Z"))),
                bo.replayed(missing, november.plusDays(1), "Missing", 1, null),
                bo.registered("Bo"),
                bo.streak(4, 9, 2, 40)};
        replay(rebuild, "read-model", snapshots);
        awaitCompleted(rebuild);

        Map<String, String> rebuilt = rows(bo.userId());
        assertThat(rebuilt).containsExactlyInAnyOrderEntriesOf(Map.of(damaged.toString(), "Damaged",
                missing.toString(), "Missing", duringRebuild.toString(), "Written meanwhile"));
        assertThat(attachments(damaged)).isEqualTo(1);
        assertThat(read.sql("SELECT longest_streak FROM user_profile_view WHERE id = :id").param("id", bo.userId())
                .query(Integer.class).single()).isEqualTo(9);
        assertThat(read.sql("SELECT display_name FROM user_profile_view WHERE id = :id").param("id", bo.userId())
                .query(String.class).single()).as("account fields restated from auth-service's snapshot").isEqualTo("Bo");
        assertThat(read.sql("""
                SELECT entry_count FROM mood_calendar_cache WHERE user_id = :id AND year = 2025 AND month = 3
                """).param("id", bo.userId()).query(Integer.class).optional()).hasValueSatisfying(count ->
                assertThat(count).isZero());

        // Twice gives the same state (the entry written meanwhile is on the write side by now).
        UUID again = requestRebuild("read-model");
        EventEnvelope<?>[] withLive = {snapshots[0], snapshots[1], snapshots[2], snapshots[3],
                bo.replayed(duringRebuild, november.plusDays(2), "Written meanwhile", 1, null)};
        replay(again, "read-model", withLive);
        awaitCompleted(again);
        assertThat(rows(bo.userId())).isEqualTo(rebuilt);
        assertThat(attachments(damaged)).isEqualTo(1);
    }

    @Test
    void analyticsMoodEventsAreRestatedFromTheSnapshotsAndThoseOfVanishedEntriesSwept() {
        Events di = new Events();
        UUID lost = UUID.randomUUID();
        UUID edited = UUID.randomUUID();
        UUID ghost = UUID.randomUUID();
        // Recent days: the maintenance a rebuild ends with drops raw events past their retention.
        LocalDate day = LocalDate.now().minusDays(10);
        publish(di.created(lost, day, "Lost", "lost words", Mood.SAD, List.of()),
                di.created(edited, day.plusDays(1), "Edited", "edited words", Mood.ANGRY, List.of()),
                di.created(ghost, day.plusDays(2), "Ghost", "gone from the write side", Mood.SAD, List.of()));
        // The AI's insight is not derived from the journal (nothing replays it): a rebuild must leave it alone.
        UUID insight = UUID.randomUUID();
        publish(Events.envelope(new InsightGenerated(insight, di.userId(), InsightType.WEEKLY, day, day.plusDays(6),
                Instant.now(), "A week.", 3, 30, 10, null, null, null, null, null, null, null, null, null, null)));
        eventually().until(() -> moods(di.userId()).size() == 3 && insights(di.userId()) == 1);
        analytics.sql("DELETE FROM mood_events WHERE journal_entry_id = :id").param("id", lost).update();

        UUID rebuild = requestRebuild("analytics");
        // Changed live while the rebuild runs: the replay's older state must not undo it.
        publish(di.updated(edited, day.plusDays(1), "Edited", "calmer words", Mood.ANXIOUS, List.of(), 2));
        eventually().until(() -> "anxious".equals(moods(di.userId()).get(edited.toString())));
        replay(rebuild, "analytics", di.replayed(lost, day, "Lost", 1, null),
                di.replayed(edited, day.plusDays(1), "Edited", 1, null));
        awaitCompleted(rebuild);

        Map<String, String> rebuilt = moods(di.userId());
        assertThat(rebuilt).containsExactlyInAnyOrderEntriesOf(Map.of(lost.toString(), "happy",
                edited.toString(), "anxious"));

        UUID again = requestRebuild("analytics");
        replay(again, "analytics", di.replayed(lost, day, "Lost", 1, null),
                di.replayed(edited, day.plusDays(1), "Edited", Mood.ANXIOUS, 2, null));
        awaitCompleted(again);
        assertThat(moods(di.userId())).isEqualTo(rebuilt);
        assertThat(insights(di.userId())).isEqualTo(1);
    }

    private int insights(UUID userId) {
        return analytics.sql("SELECT count(*) FROM journal_insights WHERE user_id = :id").param("id", userId)
                .query(Integer.class).single();
    }

    @Test
    void aJournalEventThatArrivesAfterTheAccountsErasureCreatesNothing() {
        Events cy = new Events();
        publish(cy.registered("Cy"), cy.userDeleted());
        eventually().until(() -> read.sql("SELECT count(*) FROM erased_users WHERE user_id = :id")
                .param("id", cy.userId()).query(Integer.class).single() == 1);
        EventEnvelope<?> late = cy.created(UUID.randomUUID(), LocalDate.of(2025, 11, 5), "Late", "late words",
                Mood.SAD, List.of());
        publish(late);

        eventually().until(() -> read.sql("""
                SELECT count(*) FROM processed_events WHERE consumer_group = 'projection-read-model' AND event_id = :id
                """).param("id", late.eventId()).query(Integer.class).single() == 1);
        assertThat(rows(cy.userId())).isEmpty();
    }

    private UUID requestRebuild(String sink) {
        UUID id = UUID.randomUUID();
        publishRaw(Topics.REBUILDS, id.toString(), REPLAY.write(new RebuildRequested(id, sink, Instant.now())));
        // The sink is prepared once its rebuild is recorded: the write side would take its snapshot now.
        eventually().until(() -> read.sql("SELECT count(*) FROM projection_rebuilds WHERE rebuild_id = :id")
                .param("id", id).query(Integer.class).single() == 1);
        return id;
    }

    private void replay(UUID rebuild, String sink, EventEnvelope<?>... snapshots) {
        for (EventEnvelope<?> snapshot : snapshots) {
            ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.REPLAY, snapshot.key(),
                    CODEC.write(snapshot));
            EventHeaders.of(snapshot).forEach((name, value) -> record.headers().add(name, bytes(value)));
            tag(record, rebuild, sink);
            kafka.send(record).join();
        }
        int partitions = kafka.partitionsFor(Topics.REPLAY).size();
        // The read model waits for both write-side services; the other sinks for command-service alone.
        List<String> sources = sink.equals("read-model") ? List.of("command-service", "auth-service")
                : List.of("command-service");
        for (String source : sources) {
            for (int p = 0; p < partitions; p++) {
                ProducerRecord<Object, Object> marker = new ProducerRecord<>(Topics.REPLAY, p, rebuild.toString(),
                        REPLAY.write(new ReplayCompleted(rebuild, sink, source, p, partitions, snapshots.length,
                                Instant.now())));
                marker.headers().add(EventHeaders.EVENT_TYPE, bytes("ReplayCompleted"));
                tag(marker, rebuild, sink);
                kafka.send(marker).join();
            }
        }
    }

    private void awaitCompleted(UUID rebuild) {
        eventually().until(() -> read.sql("SELECT outcome FROM projection_rebuilds WHERE rebuild_id = :id")
                .param("id", rebuild).query(String.class).optional().orElse(""), "completed"::equals);
    }

    private static void tag(ProducerRecord<Object, Object> record, UUID rebuild, String sink) {
        record.headers().add(EventHeaders.REBUILD_ID, bytes(rebuild.toString()));
        record.headers().add(EventHeaders.REBUILD_SINK, bytes(sink));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private String aliasIndex() throws IOException {
        return es.indices().getAlias(a -> a.name(JournalSearchIndex.ALIAS)).aliases().keySet().iterator().next();
    }

    @SuppressWarnings("rawtypes")
    private Map<String, String> titles(String index, UUID userId) throws IOException {
        es.indices().refresh(r -> r.index(index));
        SearchResponse<Map> found = es.search(s -> s.index(index).size(100)
                .query(q -> q.term(t -> t.field("userId").value(userId.toString()))), Map.class);
        return found.hits().hits().stream()
                .collect(java.util.stream.Collectors.toMap(Hit::id, hit -> (String) hit.source().get("title")));
    }

    private Map<String, String> rows(UUID userId) {
        return read.sql("SELECT id, title FROM journals_view WHERE user_id = :id").param("id", userId)
                .query((rs, n) -> Map.entry(rs.getString("id"), rs.getString("title"))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<String, String> moods(UUID userId) {
        return analytics.sql("SELECT journal_entry_id, mood FROM mood_events WHERE user_id = :id").param("id", userId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private int attachments(UUID entryId) {
        return read.sql("SELECT attachment_count FROM journals_view WHERE id = :id").param("id", entryId)
                .query(Integer.class).optional().orElse(-1);
    }
}
