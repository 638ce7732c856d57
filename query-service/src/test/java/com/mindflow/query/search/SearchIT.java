package com.mindflow.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.query.support.QueryServiceIT;
import com.mindflow.query.support.SearchIndexFixture;

import tools.jackson.databind.JsonNode;

/** /api/search and /api/tags/suggest against the real Elasticsearch, plus the seed's four query shapes. */
class SearchIT extends QueryServiceIT {

    @BeforeAll
    static void index() {
        SearchIndexFixture.ensureAlias();
    }

    private static Map<String, Object> doc(UUID user, String date, String title, String content, String mood,
            boolean isPrivate, String... tags) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", UUID.randomUUID().toString());
        doc.put("userId", user.toString());
        doc.put("date", date);
        doc.put("title", title);
        doc.put("content", content);
        doc.put("mood", mood);
        doc.put("tags", List.of(tags));
        doc.put("wordCount", content.split(" ").length);
        doc.put("isPrivate", isPrivate);
        doc.put("createdAt", date + "T20:30:00Z");
        doc.put("updatedAt", date + "T20:30:00Z");
        return doc;
    }

    private record Seeded(TestUser alice, TestUser bob, String productiveId) {
    }

    private Seeded seedTwoUsers() {
        var alice = newUser();
        var bob = newUser();
        var productive = doc(alice.id(), "2025-10-25", "A Reflective Evening",
                "Today was productive but stressful. I completed three major tasks at work.", "neutral", false,
                "work", "productivity", "stress");
        SearchIndexFixture.index(productive, 1);
        SearchIndexFixture.index(doc(alice.id(), "2025-10-20", "Morning run",
                "A happy morning: running by the river, very productive day after.", "happy", false, "health",
                "productivity"), 1);
        SearchIndexFixture.index(doc(alice.id(), "2025-09-02", "Café thoughts",
                "Worried about the move, cafe was calm though.", "anxious", true, "home"), 2);
        SearchIndexFixture.index(doc(bob.id(), "2025-10-25", "Bob's productive day",
                "Productive and stressful as well.", "happy", false, "work", "private-bob"), 1);
        return new Seeded(alice, bob, (String) productive.get("id"));
    }

    @Test
    void fullTextMatchesTitleAndContentWithHighlightsAndFacetsOnlyForTheCaller() {
        Seeded s = seedTwoUsers();

        JsonNode result = json(get("/api/search?q=" + enc("productivity stress"), s.alice()));

        assertThat(result.path("total").asLong()).isEqualTo(2);
        JsonNode first = result.path("items").get(0);
        assertThat(first.path("id").asString()).isEqualTo(s.productiveId());
        assertThat(first.path("highlights").path("content").get(0).asString()).contains("<em>");
        assertThat(result.path("items").valueStream()).as("no score: it would carry other journals' statistics")
                .noneMatch(i -> i.has("score"));
        assertThat(result.path("items").valueStream().map(i -> i.path("title").asString()))
                .noneMatch(t -> t.startsWith("Bob"));
        assertThat(result.path("facets").path("moods").valueStream().map(b -> b.path("value").asString()))
                .containsExactlyInAnyOrder("neutral", "happy");
        assertThat(result.path("facets").path("tags").valueStream().map(b -> b.path("value").asString()))
                .contains("productivity", "work").doesNotContain("private-bob");

        JsonNode bobs = json(get("/api/search?q=productive", s.bob()));
        assertThat(bobs.path("total").asLong()).isEqualTo(1);
    }

    @Test
    void theAuthorFindsTheirOwnPrivateEntriesAndAsciiFoldingWorks() {
        Seeded s = seedTwoUsers();
        JsonNode result = json(get("/api/search?q=cafe", s.alice()));
        assertThat(result.path("total").asLong()).isEqualTo(1);
        assertThat(result.path("items").get(0).path("isPrivate").asBoolean()).isTrue();
        assertThat(json(get("/api/search?q=cafe", s.bob())).path("total").asLong()).isZero();
    }

    @Test
    void filtersByMoodTagsAndDateRangeAndSortsByDate() {
        Seeded s = seedTwoUsers();
        assertThat(json(get("/api/search?mood=happy", s.alice())).path("total").asLong()).isEqualTo(1);
        assertThat(json(get("/api/search?tag=productivity&tag=work", s.alice())).path("total").asLong())
                .isEqualTo(1);
        JsonNode october = json(get("/api/search?from=2025-10-01&to=2025-10-31&sort=date", s.alice()));
        assertThat(october.path("items").valueStream().map(i -> i.path("date").asString()))
                .containsExactly("2025-10-25", "2025-10-20");
        JsonNode paged = json(get("/api/search?sort=date&page=1&size=1", s.alice()));
        assertThat(paged.path("items").get(0).path("date").asString()).isEqualTo("2025-10-20");
        assertThat(paged.path("total").asLong()).isEqualTo(3);
    }

    /**
     * Search and suggestions go to the caller's shard only: a document of the caller indexed with a routing that
     * leads to another shard is not found (projection-service never writes one; the mapping refuses no routing).
     */
    @Test
    void searchAndSuggestionsAskOnlyTheShardTheCallersRoutingLeadsTo() {
        var alice = newUser();
        int home = SearchIndexFixture.shardOf(alice.id().toString());
        String elsewhere = IntStream.range(0, 100).mapToObj(i -> "elsewhere-" + i)
                .filter(routing -> SearchIndexFixture.shardOf(routing) != home).findFirst().orElse(null);
        assertThat(elsewhere).as("a routing to another shard: the search index must have several").isNotNull();
        SearchIndexFixture.index(doc(alice.id(), "2025-10-01", "Lantern at home", "a lantern routed home", "happy",
                false, "lantern-home"), 1);
        SearchIndexFixture.index(doc(alice.id(), "2025-10-02", "Lantern astray", "a lantern routed astray", "happy",
                false, "lantern-astray"), 1, elsewhere);

        JsonNode result = json(get("/api/search?q=lantern", alice));
        assertThat(result.path("items").valueStream().map(i -> i.path("title").asString()))
                .containsExactly("Lantern at home");
        JsonNode tags = json(get("/api/tags/suggest?prefix=lantern", alice));
        assertThat(tags.path("tags").valueStream().map(JsonNode::asString)).containsExactly("lantern-home");
    }

    @Test
    void tagSuggestionsAreTheCallersOwnWithoutDuplicates() {
        Seeded s = seedTwoUsers();
        JsonNode alice = json(get("/api/tags/suggest?prefix=pr", s.alice()));
        assertThat(alice.path("tags").valueStream().map(JsonNode::asString)).containsExactly("productivity");
        JsonNode bob = json(get("/api/tags/suggest?prefix=pr", s.bob()));
        assertThat(bob.path("tags").valueStream().map(JsonNode::asString)).containsExactly("private-bob");
    }

    @Test
    void badSearchAndSuggestParametersAreProblemsNamingTheField() {
        var alice = newUser();
        assertThat(problemFields(get("/api/search?size=51", alice))).containsExactly("size");
        assertThat(problemFields(get("/api/search?page=-1", alice))).containsExactly("page");
        assertThat(problemFields(get("/api/search?page=500&size=50", alice))).containsExactly("page");
        assertThat(problemFields(get("/api/search?sort=popularity", alice))).containsExactly("sort");
        assertThat(problemFields(get("/api/search?from=2025-13-01", alice))).containsExactly("from");
        assertThat(problemFields(get("/api/search?from=2025-10-02&to=2025-10-01", alice))).containsExactly("to");
        assertThat(problemFields(get("/api/search?mood=meh", alice))).containsExactly("mood");
        assertThat(problemFields(get("/api/tags/suggest", alice))).containsExactly("prefix");
        assertThat(problemFields(get("/api/tags/suggest?prefix=", alice))).contains("prefix");
        assertThat(problemFields(get("/api/tags/suggest?prefix=" + "x".repeat(51), alice))).contains("prefix");
        assertThat(problemFields(get("/api/tags/suggest?prefix=a&size=0", alice))).containsExactly("size");
        HttpResponse<String> anonymous = get("/api/search?q=x", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(get("/api/tags/suggest?prefix=a", null).statusCode()).isEqualTo(401);
    }

    /** The seed's four query shapes, run as written (tag autocomplete adapted to the completion field). */
    @Test
    void theSeedsFourQueryShapesRunAgainstTheIndex() {
        Seeded s = seedTwoUsers();
        String user = s.alice().id().toString();

        JsonNode fullText = JSON.readTree(SearchIndexFixture.search(s.alice().id(), """
                {"query": {"bool": {"must": [
                   {"match": {"content": "productivity stress"}},
                   {"term": {"userId": "%s"}},
                   {"term": {"isPrivate": false}}]}},
                 "highlight": {"fields": {"content": {}}}}""".formatted(user)));
        assertThat(fullText.path("hits").path("hits").get(0).path("_id").asString()).isEqualTo(s.productiveId());
        assertThat(fullText.path("hits").path("hits").get(0).path("highlight").path("content").isArray()).isTrue();

        JsonNode faceted = JSON.readTree(SearchIndexFixture.search(s.alice().id(), """
                {"query": {"bool": {"must": [{"term": {"userId": "%s"}}],
                                    "filter": [{"term": {"mood": "happy"}}]}},
                 "aggs": {"moods": {"terms": {"field": "mood"}},
                          "tags": {"terms": {"field": "tags", "size": 20}}}}""".formatted(user)));
        assertThat(faceted.path("hits").path("total").path("value").asLong()).isEqualTo(1);
        assertThat(faceted.path("aggregations").path("tags").path("buckets")).hasSize(2);

        JsonNode dated = JSON.readTree(SearchIndexFixture.search(s.alice().id(), """
                {"query": {"bool": {"must": [{"term": {"userId": "%s"}}],
                                    "filter": [{"range": {"date": {"gte": "2025-10-01", "lte": "2025-10-31"}}}]}},
                 "sort": [{"date": "desc"}]}""".formatted(user)));
        assertThat(dated.path("hits").path("hits").valueStream().map(h -> h.path("_source").path("date").asString()))
                .containsExactly("2025-10-25", "2025-10-20");

        JsonNode suggest = JSON.readTree(SearchIndexFixture.search(s.alice().id(), """
                {"suggest": {"tag-suggest": {"prefix": "prod",
                   "completion": {"field": "tagSuggest", "size": 10, "skip_duplicates": true,
                                  "contexts": {"userId": ["%s"]}}}}}""".formatted(user)));
        assertThat(suggest.path("suggest").path("tag-suggest").get(0).path("options").valueStream()
                .map(o -> o.path("text").asString())).containsExactly("productivity");
    }
}
