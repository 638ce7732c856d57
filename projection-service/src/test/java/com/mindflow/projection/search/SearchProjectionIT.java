package com.mindflow.projection.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.events.journal.Mood;
import com.mindflow.projection.support.Events;
import com.mindflow.projection.support.ProjectionTest;
import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;

/** The sink against the real Elasticsearch, and the seed's four query shapes against the index it builds. */
class SearchProjectionIT extends ProjectionTest {

    @Autowired
    private ElasticsearchClient client;

    @Autowired
    private SearchIndexAdmin admin;

    @Autowired
    private SearchProjection projection;

    /**
     * On an index made from the shared definition: every write is routed by the owner, a request without routing is
     * refused, and an erasure reaches the user's documents on their shard.
     */
    @Test
    void documentsAreRoutedByTheirOwnerAndAnUnroutedWriteIsRefused() throws IOException {
        String index = admin.createIndex();
        try {
            UUID user = UUID.randomUUID();
            UUID entry = UUID.randomUUID();
            UUID gone = UUID.randomUUID();
            projection.index(index, replayed(user, entry, 1));
            projection.index(index, replayed(user, gone, 1));
            projection.delete(index, user, gone, 2);

            var routed = client.get(g -> g.index(index).id(entry.toString())
                    .routing(JournalSearchIndex.routing(user)), Map.class);
            assertThat(routed.found()).isTrue();
            assertThat(routed.routing()).isEqualTo(user.toString());
            assertThat(client.get(g -> g.index(index).id(gone.toString())
                    .routing(JournalSearchIndex.routing(user)), Map.class).found()).isFalse();
            assertThatThrownBy(() -> client.get(g -> g.index(index).id(entry.toString()), Map.class))
                    .isInstanceOfSatisfying(ElasticsearchException.class,
                            e -> assertThat(e.error().type()).isEqualTo("routing_missing_exception"));
            assertThatThrownBy(() -> client.index(i -> i.index(index).id(UUID.randomUUID().toString())
                    .document(Map.of("userId", user.toString()))))
                    .isInstanceOfSatisfying(ElasticsearchException.class,
                            e -> assertThat(e.error().type()).isEqualTo("routing_missing_exception"));

            projection.erase(index, user);
            assertThat(client.get(g -> g.index(index).id(entry.toString())
                    .routing(JournalSearchIndex.routing(user)), Map.class).found()).isFalse();
            // The erasure's tombstone is on the user's shard: a late event of the user cannot bring the entry back.
            projection.index(index, replayed(user, entry, 7));
            assertThat(client.get(g -> g.index(index).id(entry.toString())
                    .routing(JournalSearchIndex.routing(user)), Map.class).found()).isFalse();
        }
        finally {
            admin.dropIndex(index);
        }
    }

    private static JournalEntryReplayed replayed(UUID user, UUID entry, int version) {
        Instant now = Instant.now();
        return new JournalEntryReplayed(entry, user, LocalDate.of(2025, 7, 1), "Routed", "routed content",
                Mood.HAPPY, List.of("routing"), null, null, 2, 1, false, version, now, now, null, List.of());
    }

    @Test
    void theSeedsFourQueryShapesWorkAndNeverCrossUsers() throws IOException {
        Events ana = new Events();
        Events bo = new Events();
        UUID stressful = UUID.randomUUID();
        UUID happy = UUID.randomUUID();
        UUID september = UUID.randomUUID();
        UUID bosEntry = UUID.randomUUID();
        publish(ana.created(stressful, LocalDate.of(2025, 10, 25), "A reflective evening",
                        "Today was productive but stressful, the deadline pressure is mounting", Mood.NEUTRAL,
                        List.of("work", "productivity", "stress")),
                ana.created(happy, LocalDate.of(2025, 10, 12), "Sunday", "A calm and happy walk by the river",
                        Mood.HAPPY, List.of("nature", "productive-rest")),
                ana.created(september, LocalDate.of(2025, 9, 30), "Late September", "Productivity tips I read",
                        Mood.HAPPY, List.of("reading")),
                bo.created(bosEntry, LocalDate.of(2025, 10, 20), "Bo's day", "productivity and stress everywhere",
                        Mood.HAPPY, List.of("prodigy", "stress")));
        String a = ana.userId().toString();

        // 1. Full text with highlight.
        SearchResponse<Map> fullText = eventually().until(() -> search("""
                {"query": {"bool": {"must": [
                    {"match": {"content": "productivity stress"}},
                    {"term": {"userId": "%s"}},
                    {"term": {"isPrivate": false}}]}},
                 "highlight": {"fields": {"content": {}}}}
                """.formatted(a)), r -> r.hits().hits().size() == 2);
        assertThat(ids(fullText)).containsExactlyInAnyOrder(stressful.toString(), september.toString());
        Hit<Map> top = fullText.hits().hits().getFirst();
        assertThat(top.highlight().get("content")).anySatisfy(fragment -> assertThat(fragment).contains("<em>"));

        // 2. Facets: filter by mood, aggregate moods and tags.
        SearchResponse<Map> facets = search("""
                {"query": {"bool": {"must": [{"term": {"userId": "%s"}}],
                                    "filter": [{"term": {"mood": "happy"}}]}},
                 "aggs": {"moods": {"terms": {"field": "mood"}},
                          "tags": {"terms": {"field": "tags", "size": 20}}}}
                """.formatted(a));
        assertThat(ids(facets)).containsExactlyInAnyOrder(happy.toString(), september.toString());
        assertThat(facets.aggregations().get("moods").sterms().buckets().array())
                .singleElement().satisfies(b -> {
                    assertThat(b.key().stringValue()).isEqualTo("happy");
                    assertThat(b.docCount()).isEqualTo(2);
                });
        assertThat(facets.aggregations().get("tags").sterms().buckets().array())
                .extracting(b -> b.key().stringValue())
                .containsExactlyInAnyOrder("nature", "productive-rest", "reading");

        // 3. Date range, newest first.
        SearchResponse<Map> october = search("""
                {"query": {"bool": {"must": [{"term": {"userId": "%s"}}],
                                    "filter": [{"range": {"date": {"gte": "2025-10-01", "lte": "2025-10-31"}}}]}},
                 "sort": [{"date": "desc"}]}
                """.formatted(a));
        assertThat(ids(october)).containsExactly(stressful.toString(), happy.toString());

        // 4. Tag autocomplete: the completion field, in the user's context (the seed's query targeted "tags").
        SearchResponse<Map> suggest = search("""
                {"suggest": {"tag-suggest": {"prefix": "prod",
                    "completion": {"field": "%s", "size": 10, "skip_duplicates": true,
                                   "contexts": {"%s": ["%s"]}}}}}
                """.formatted(JournalSearchIndex.TAG_SUGGEST, JournalSearchIndex.USER_CONTEXT, a));
        List<String> suggestions = suggest.suggest().get("tag-suggest").getFirst().completion().options().stream()
                .map(option -> option.text()).toList();
        assertThat(suggestions).containsExactlyInAnyOrder("productivity", "productive-rest").doesNotContain("prodigy");

        // Isolation: Bo's query never returns Ana's documents.
        SearchResponse<Map> bos = search("""
                {"query": {"bool": {"must": [{"match": {"content": "productivity stress"}},
                                             {"term": {"userId": "%s"}}]}}}
                """.formatted(bo.userId()));
        assertThat(ids(bos)).containsExactly(bosEntry.toString());
    }

    @Test
    void externalVersionsRefuseStaleEventsAndADeleteIsNotUndoneByAnOlderWrite() throws IOException {
        Events user = new Events();
        UUID entry = UUID.randomUUID();
        LocalDate day = LocalDate.of(2025, 7, 1);
        publish(user.created(entry, day, "v1", "first", Mood.SAD, List.of("a")),
                user.updated(entry, day, "v3", "third", Mood.HAPPY, List.of("c"), 3),
                user.updated(entry, day, "v2", "second, stale", Mood.ANGRY, List.of("b"), 2));
        UUID marker = UUID.randomUUID();
        publish(user.created(marker, day, "marker", "after", Mood.HAPPY, List.of()));
        eventually().until(() -> document(marker).found());
        Document current = document(entry);
        assertThat(current.version()).isEqualTo(3);
        assertThat(current.source()).containsEntry("title", "v3");

        publish(user.deleted(entry, day, 4), user.updated(entry, day, "v3 again", "stale", Mood.SAD, List.of(), 3));
        UUID marker2 = UUID.randomUUID();
        publish(user.created(marker2, day, "marker", "after", Mood.HAPPY, List.of()));
        eventually().until(() -> document(marker2).found());
        assertThat(document(entry).found()).isFalse();

        publish(user.restored(entry, day, "back", "restored text", Mood.HAPPY, List.of("c"), 5));
        eventually().until(() -> document(entry).found());
        assertThat(document(entry).source()).containsEntry("title", "back");
        assertThat(document(entry).version()).isEqualTo(5);
    }

    private record Document(boolean found, Long version, Map<String, Object> source) {
    }

    /**
     * The entry as search sees it, looked up by id on every shard: the live alias may be an index from before routing,
     * and a projection-service of the running stack may share the consumer group and index without routing.
     */
    @SuppressWarnings("unchecked")
    private Document document(UUID id) throws IOException {
        SearchResponse<Map> response = client.search(s -> s.index(JournalSearchIndex.ALIAS).version(true)
                .query(q -> q.ids(i -> i.values(id.toString()))), Map.class);
        return response.hits().hits().stream().findFirst()
                .map(hit -> new Document(true, hit.version(), (Map<String, Object>) hit.source()))
                .orElse(new Document(false, null, null));
    }

    private SearchResponse<Map> search(String body) throws IOException {
        return client.search(s -> s.index(JournalSearchIndex.ALIAS).withJson(new StringReader(body)), Map.class);
    }

    private static List<String> ids(SearchResponse<Map> response) {
        return response.hits().hits().stream().map(Hit::id).toList();
    }
}
