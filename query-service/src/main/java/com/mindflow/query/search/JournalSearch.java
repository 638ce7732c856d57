package com.mindflow.query.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalSearchIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.HighlightField;
import co.elastic.clients.elasticsearch.core.search.HighlighterType;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.util.NamedValue;

/**
 * Full-text search over the {@code journal_entries} alias. The user filter is not optional: every query is built
 * around {@code term userId = caller}, so no parameter can widen it. The caller's private entries are included:
 * private hides an entry from AI processing and insights, not from its author (the seed's {@code isPrivate: false}
 * filter is for searches by anyone else, which MindFlow does not offer).
 *
 * <p>The request carries the caller's routing ({@link JournalSearchIndex#routing}): the caller's entries are all on
 * one shard, so only that shard is searched, scored and aggregated, and the default {@code query_then_fetch} scores
 * every hit with that one shard's statistics (no {@code dfs} round trip: two searches of the same entries rank them
 * the same way). Other journals routed to the same shard still add to its term statistics, which is why hits carry
 * no score ({@link SearchResults.Hit}).
 */
@Component
class JournalSearch {

    static final int FACET_TAGS = 20;
    /** Every mood there is (ecstatic, happy, neutral, sad, anxious, angry). */
    static final int FACET_MOODS = 6;

    private final ElasticsearchClient es;

    JournalSearch(ElasticsearchClient es) {
        this.es = es;
    }

    SearchResults search(SearchQuery query) {
        SearchRequest request = SearchRequest.of(s -> {
            s.index(JournalSearchIndex.ALIAS)
                    .routing(JournalSearchIndex.routing(query.userId()))
                    .query(query(query))
                    .from(query.page() * query.size())
                    .size(query.size())
                    .trackTotalHits(t -> t.enabled(true))
                    .source(src -> src.filter(f -> f.includes("id", "date", "title", "mood", "tags", "isPrivate")))
                    .aggregations("moods", a -> a.terms(t -> t.field("mood").size(FACET_MOODS)))
                    .aggregations("tags", a -> a.terms(t -> t.field("tags").size(FACET_TAGS)));
            if (query.text() != null) {
                // Only the two fields a hit shows. The title whole (it is short; unified, re-analysed). The content in
                // at most three fragments of 150 characters by the fast vector highlighter, which reads the term
                // vectors with offsets the mapping stores for this; the unified highlighter would build an in-memory
                // index from the same term vectors for every hit (measured ~1.3 ms more ES CPU a search, README).
                s.highlight(h -> h.preTags("<em>").postTags("</em>").fields(
                        NamedValue.of("title", HighlightField.of(f -> f.type(HighlighterType.Unified)
                                .numberOfFragments(0))),
                        NamedValue.of("content", HighlightField.of(f -> f.type(HighlighterType.FastVector)
                                .numberOfFragments(3).fragmentSize(150)))));
            }
            if (query.sort() == SearchSort.DATE || query.text() == null) {
                s.sort(o -> o.field(f -> f.field("date").order(SortOrder.Desc)));
            }
            else {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("date").order(SortOrder.Desc)));
                s.trackScores(true);
            }
            return s;
        });
        try {
            @SuppressWarnings("rawtypes")
            SearchResponse<Map> response = es.search(request, Map.class);
            List<SearchResults.Hit> items = response.hits().hits().stream().map(JournalSearch::hit).toList();
            long total = response.hits().total() == null ? items.size() : response.hits().total().value();
            return new SearchResults(total, query.page(), query.size(), query.sort().name().toLowerCase(),
                    SearchMode.KEYWORD.name().toLowerCase(), items,
                    new SearchResults.Facets(buckets(response.aggregations().get("moods")),
                            buckets(response.aggregations().get("tags"))));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Search failed", e);
        }
    }

    private static Query query(SearchQuery query) {
        return Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("userId").value(query.userId().toString())));
            if (query.text() != null) {
                b.must(m -> m.multiMatch(mm -> mm.query(query.text()).fields("title^2", "content")
                        .type(TextQueryType.BestFields)));
            }
            if (query.mood() != null) {
                b.filter(f -> f.term(t -> t.field("mood").value(query.mood())));
            }
            // Every requested tag must be present (narrowing, like the list endpoint's tag filter).
            for (String tag : query.tags()) {
                b.filter(f -> f.term(t -> t.field("tags").value(tag)));
            }
            if (query.from() != null || query.to() != null) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field("date");
                    if (query.from() != null) {
                        d.gte(query.from().toString());
                    }
                    if (query.to() != null) {
                        d.lte(query.to().toString());
                    }
                    return d;
                })));
            }
            return b;
        }));
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static SearchResults.Hit hit(Hit<Map> hit) {
        Map<String, Object> source = hit.source() == null ? Map.of() : hit.source();
        Object tags = source.get("tags");
        return new SearchResults.Hit(UUID.fromString(hit.id()),
                source.get("date") == null ? null : LocalDate.parse(source.get("date").toString()),
                (String) source.get("title"), (String) source.get("mood"),
                tags instanceof List<?> list ? list.stream().map(Object::toString).toList() : List.of(),
                Boolean.TRUE.equals(source.get("isPrivate")), hit.highlight());
    }

    private static List<SearchResults.Bucket> buckets(Aggregate aggregate) {
        List<SearchResults.Bucket> buckets = new ArrayList<>();
        if (aggregate != null && aggregate.isSterms()) {
            for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
                buckets.add(new SearchResults.Bucket(bucket.key().stringValue(), bucket.docCount()));
            }
        }
        return buckets;
    }
}
