package com.mindflow.projection.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.JournalChunkIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

/**
 * The chunk sink against the real Elasticsearch: chunks of {@code JournalEntryEmbedded} become kNN hits of their
 * owner only; a newer version replaces them, an older one is ignored; withdrawals, deletions, private mode and
 * erasure remove them. Chunks are looked up by id (realtime) or, after a refresh, by a terms query on the entry.
 */
class ChunkIndexIT extends ProjectionTest {

    private static final LocalDate DAY = LocalDate.of(2025, 11, 3);

    /** Set once the sink has caught up with the topics' history (its group's first run reads them from the start). */
    private static volatile boolean caughtUp;

    @Autowired
    private ElasticsearchClient client;

    @BeforeEach
    void sinkCaughtUp() {
        if (!caughtUp) {
            Events probe = new Events();
            UUID marker = UUID.randomUUID();
            publish(embedded(probe, marker, 1, 1, "catch-up"));
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> chunk(probe, marker, 0).found());
            caughtUp = true;
        }
    }

    @Test
    void theIndexIsMadeFromTheSharedDefinitionBehindItsAlias() throws IOException {
        var aliases = client.indices().getAlias(a -> a.name(JournalChunkIndex.ALIAS)).aliases();
        assertThat(aliases.keySet()).singleElement().satisfies(name ->
                assertThat(name).startsWith(JournalChunkIndex.INDEX_PREFIX));
        String index = aliases.keySet().iterator().next();
        var settings = client.indices().getSettings(s -> s.index(index)).get(index).settings().index();
        assertThat(settings.gcDeletes().time()).as("tombstones kept a day").isEqualTo("1d");
        var mapping = client.indices().getMapping(m -> m.index(index)).get(index).mappings();
        assertThat(mapping.routing().required()).isTrue();
        assertThat(mapping.properties().get("vector").denseVector().dims()).isEqualTo(JournalChunkIndex.DIMENSIONS);
    }

    @Test
    void embeddedChunksAreKnnHitsOfTheirOwnerOnly() throws IOException {
        Events ana = new Events();
        Events bo = new Events();
        UUID anasEntry = UUID.randomUUID();
        UUID bosEntry = UUID.randomUUID();
        // Bo's chunks have the very vectors of Ana's: only the filter and the routing keep them apart.
        publish(embedded(ana, anasEntry, 1, 3, "ana"), embedded(bo, bosEntry, 1, 3, "bo"));

        SearchResponse<Map> anas = eventually().until(() -> knn(ana.userId(), vector(1)),
                r -> r.hits().hits().size() == 3);
        assertThat(anas.hits().hits().getFirst().id()).isEqualTo(JournalChunkIndex.chunkId(anasEntry, 1));
        assertThat(anas.hits().hits()).allSatisfy(hit -> {
            assertThat(hit.source()).containsEntry("userId", ana.userId().toString())
                    .containsEntry("journalEntryId", anasEntry.toString()).containsEntry("entryVersion", 1)
                    .containsEntry("date", DAY.toString()).containsEntry("model", JournalChunkIndex.MODEL);
            assertThat(hit.routing()).isEqualTo(ana.userId().toString());
        });
        assertThat((String) anas.hits().hits().getFirst().source().get("text")).isEqualTo("ana v1 chunk 1");

        SearchResponse<Map> bos = eventually().until(() -> knn(bo.userId(), vector(1)),
                r -> r.hits().hits().size() == 3);
        assertThat(bos.hits().hits()).extracting(Hit::id).allMatch(id -> id.startsWith(bosEntry.toString()));
    }

    @Test
    void aNewerVersionReplacesTheChunksAndAnOlderOneIsIgnored() throws IOException {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        publish(embedded(user, entry, 1, 4, "first"));
        eventually().until(() -> chunk(user, entry, 3).found());

        // An edit shortened the entry: two chunks of v2, none of v1 left.
        publish(embedded(user, entry, 2, 2, "second"));
        eventually().until(() -> chunk(user, entry, 0).version() == 2 && !chunk(user, entry, 3).found());
        assertThat(chunkIds(entry)).containsExactlyInAnyOrder(JournalChunkIndex.chunkId(entry, 0),
                JournalChunkIndex.chunkId(entry, 1));

        // v1 again, overtaken (out of order), v2 redelivered, and vectors of another model: none changes anything.
        JournalEntryEmbedded foreign = new JournalEntryEmbedded(entry, user.userId(), 3, DAY, "another-model", 2,
                List.of(new JournalEntryEmbedded.Chunk(0, "foreign", new float[] {1, 0})), Instant.now());
        EventEnvelope<JournalEntryEmbedded> redelivered = embedded(user, entry, 2, 2, "second");
        publish(embedded(user, entry, 1, 4, "first"), redelivered, Events.envelope(foreign));
        awaitApplied(user);

        assertThat(chunkIds(entry)).containsExactlyInAnyOrder(JournalChunkIndex.chunkId(entry, 0),
                JournalChunkIndex.chunkId(entry, 1));
        for (int index = 0; index < 2; index++) {
            Chunk chunk = chunk(user, entry, index);
            assertThat(chunk.version()).isEqualTo(2);
            assertThat(chunk.source()).containsEntry("text", "second v2 chunk " + index).containsEntry("entryVersion", 2);
        }
        assertThat(chunk(user, entry, 2).found()).isFalse();
        assertThat(chunk(user, entry, 3).found()).isFalse();
    }

    @Test
    void aWithdrawalDeletesTheEntrysChunksAndALateEmbeddingOfThatVersionStaysOut() throws IOException {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String secret = "zebracorn" + UUID.randomUUID().toString().substring(0, 8);
        publish(embedded(user, entry, 1, 3, secret), embedded(user, other, 1, 1, "other"));
        eventually().until(() -> chunk(user, entry, 2).found() && chunk(user, other, 0).found());

        // Made private at v2: the analysis of v1 goes; the embedding of v2 that a slow analyser sends later is stale.
        publish(Events.envelope(new JournalEntryAnalysisWithdrawn(entry, user.userId(), 2, Instant.now())),
                embedded(user, entry, 2, 5, secret));
        awaitApplied(user);
        assertThat(chunkIds(entry)).isEmpty();
        for (int index = 0; index < 5; index++) {
            assertThat(chunk(user, entry, index).found()).isFalse();
        }
        assertThat(chunk(user, other, 0).found()).isTrue();
        assertThat(userChunkTexts(user)).noneMatch(text -> text.contains(secret));

        // Public again at v3: embedded again.
        publish(embedded(user, entry, 3, 2, "public again"));
        eventually().until(() -> chunk(user, entry, 1).found());
        assertThat(chunk(user, entry, 0).version()).isEqualTo(3);

        // Deleted (the journal's own event, belt and braces besides the AI's withdrawal).
        publish(user.deleted(entry, DAY, 4));
        eventually().until(() -> !chunk(user, entry, 0).found() && !chunk(user, entry, 1).found());
        assertThat(chunkIds(entry)).isEmpty();
        assertThat(chunk(user, other, 0).found()).isTrue();
    }

    @Test
    void privateModeAndErasureDeleteOnlyThatUsersChunks() throws IOException {
        Events ana = new Events();
        Events bo = new Events();
        Events cy = new Events();
        UUID anas1 = UUID.randomUUID();
        UUID anas2 = UUID.randomUUID();
        UUID bos = UUID.randomUUID();
        UUID cys = UUID.randomUUID();
        publish(embedded(ana, anas1, 1, 2, "ana one"), embedded(ana, anas2, 4, 3, "ana two"),
                embedded(bo, bos, 1, 2, "bo"), embedded(cy, cys, 1, 2, "cy"));
        eventually().until(() -> chunk(ana, anas2, 2).found() && chunk(bo, bos, 1).found()
                && chunk(cy, cys, 1).found());

        // Ana turns private mode on: all of her chunks go, Bo's and Cy's stay.
        publish(Events.envelope(new UserAnalysesWithdrawn(ana.userId(), Instant.now())));
        eventually().until(() -> userChunkIds(ana).isEmpty());
        assertThat(chunkIds(anas1)).isEmpty();
        assertThat(chunkIds(anas2)).isEmpty();
        assertThat(userChunkIds(bo)).hasSize(2);
        assertThat(userChunkIds(cy)).hasSize(2);
        // ... and off again: her next edit is embedded as usual, the withdrawn version is not.
        publish(embedded(ana, anas2, 4, 3, "ana two"), embedded(ana, anas2, 5, 1, "ana edited"));
        eventually().until(() -> chunk(ana, anas2, 0).found());
        awaitApplied(ana);
        assertThat(chunkIds(anas2)).containsExactly(JournalChunkIndex.chunkId(anas2, 0));
        assertThat(chunk(ana, anas2, 0).version()).isEqualTo(5);

        // Bo's account is erased: all of his chunks go, and a late embedding of his does not come back.
        publish(bo.userDeleted());
        eventually().until(() -> userChunkIds(bo).isEmpty());
        publish(embedded(bo, UUID.randomUUID(), 1, 2, "bo late"), embedded(bo, bos, 2, 2, "bo late"));
        awaitApplied(onTheSamePartitionAs(bo));
        assertThat(userChunkIds(bo)).isEmpty();
        assertThat(userChunkIds(cy)).hasSize(2);
        assertThat(userChunkIds(ana)).hasSize(1);
    }

    // --- helpers

    private static EventEnvelope<JournalEntryEmbedded> embedded(Events user, UUID entry, int version, int chunks,
            String text) {
        List<JournalEntryEmbedded.Chunk> list = new ArrayList<>();
        for (int index = 0; index < chunks; index++) {
            list.add(new JournalEntryEmbedded.Chunk(index, text + " v" + version + " chunk " + index, vector(index)));
        }
        return Events.envelope(new JournalEntryEmbedded(entry, user.userId(), version, DAY, JournalChunkIndex.MODEL,
                JournalChunkIndex.DIMENSIONS, list, Instant.now()));
    }

    /** A unit vector per chunk position, far from the others'. */
    private static float[] vector(int position) {
        float[] vector = new float[JournalChunkIndex.DIMENSIONS];
        vector[position % JournalChunkIndex.DIMENSIONS] = 0.8f;
        vector[(position + 7) % JournalChunkIndex.DIMENSIONS] = 0.6f;
        return vector;
    }

    /** Everything the user published before is applied: a marker entry after it (same partition) is indexed. */
    private void awaitApplied(Events user) {
        UUID marker = UUID.randomUUID();
        publish(embedded(user, marker, 1, 1, "marker"));
        eventually().until(() -> chunk(user, marker, 0).found());
        // The marker must not count among the user's chunks.
        publish(Events.envelope(new JournalEntryAnalysisWithdrawn(marker, user.userId(), 1, Instant.now())));
        eventually().until(() -> !chunk(user, marker, 0).found());
    }

    /** Another user whose events share the user's partition (the key's murmur2 hash), so they are applied after. */
    private Events onTheSamePartitionAs(Events user) {
        int partitions = kafka.partitionsFor(Topics.AI_INSIGHTS).size();
        while (true) {
            Events other = new Events();
            if (partition(other, partitions) == partition(user, partitions)) {
                return other;
            }
        }
    }

    private static int partition(Events user, int partitions) {
        return Utils.toPositive(Utils.murmur2(user.userId().toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private record Chunk(boolean found, Long version, Map<String, Object> source) {
    }

    @SuppressWarnings("unchecked")
    private Chunk chunk(Events user, UUID entry, int index) throws IOException {
        var response = client.get(g -> g.index(JournalChunkIndex.ALIAS).id(JournalChunkIndex.chunkId(entry, index))
                .routing(JournalChunkIndex.routing(user.userId())), Map.class);
        return new Chunk(response.found(), response.version(), (Map<String, Object>) response.source());
    }

    /** Ids of the entry's chunks on every shard, after a refresh (whatever routing they were written with). */
    private List<String> chunkIds(UUID entry) throws IOException {
        client.indices().refresh(r -> r.index(JournalChunkIndex.ALIAS));
        SearchResponse<Void> response = client.search(s -> s.index(JournalChunkIndex.ALIAS).size(100)
                .source(src -> src.fetch(false)).query(q -> q.terms(t -> t.field("journalEntryId")
                        .terms(v -> v.value(List.of(FieldValue.of(entry.toString())))))), Void.class);
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    private List<String> userChunkIds(Events user) throws IOException {
        return userChunks(user).stream().map(Hit::id).toList();
    }

    private List<String> userChunkTexts(Events user) throws IOException {
        return userChunks(user).stream().map(hit -> String.valueOf(hit.source().get("text"))).toList();
    }

    /** All of the user's chunks on every shard, after a refresh. */
    private List<Hit<Map>> userChunks(Events user) throws IOException {
        client.indices().refresh(r -> r.index(JournalChunkIndex.ALIAS));
        SearchResponse<Map> response = client.search(s -> s.index(JournalChunkIndex.ALIAS).size(100)
                .query(q -> q.term(t -> t.field("userId").value(user.userId().toString()))), Map.class);
        return response.hits().hits();
    }

    /** The semantic search query shape: kNN on the user's routing, filtered to the user. */
    private SearchResponse<Map> knn(UUID userId, float[] query) throws IOException {
        List<Float> vector = IntStream.range(0, query.length).mapToObj(i -> query[i]).toList();
        return client.search(s -> s.index(JournalChunkIndex.ALIAS).routing(JournalChunkIndex.routing(userId))
                .knn(k -> k.field("vector").queryVector(vector).k(10).numCandidates(50)
                        .filter(f -> f.term(t -> t.field("userId").value(userId.toString()))))
                .source(src -> src.filter(f -> f.excludes("vector"))), Map.class);
    }
}
