package com.mindflow.query.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.query.semantic.EntryMatch;
import com.mindflow.query.semantic.SemanticFilter;
import com.mindflow.query.semantic.SemanticSearch;

/**
 * The {@code semantic} and {@code hybrid} modes of /api/search. Both rank a window of at most
 * {@link SemanticSearch#MAX_ENTRIES} entries and page through it; facets count the whole window.
 *
 * <p>Hybrid is reciprocal rank fusion done here, not by Elasticsearch (the {@code rrf} retriever is not in the basic
 * license, and the two lists come from two indices): each entry scores {@code Σ 1 / (k + rank)} over the BM25 list
 * (the keyword search, filters and all, first {@link SemanticSearch#MAX_ENTRIES} hits) and the semantic list, ranks
 * from 1, {@code k} = {@value #RRF_K}. A keyword hit keeps its highlights. Private entries are left out of both sides:
 * the semantic side by the read-model check, the keyword side by the hit's {@code isPrivate} (only keyword mode lists
 * the author's private entries).
 */
@Component
class MeaningSearch {

    static final int RRF_K = 60;

    private final SemanticSearch semantic;
    private final JournalSearch keyword;

    MeaningSearch(SemanticSearch semantic, JournalSearch keyword) {
        this.semantic = semantic;
        this.keyword = keyword;
    }

    SearchResults search(SearchQuery query, SearchMode mode) {
        float[] vector = semantic.embed(query.text());
        List<EntryMatch> matches = semantic.search(query.userId(), vector,
                new SemanticFilter(query.from(), query.to(), query.mood(), query.tags()), SemanticSearch.MAX_ENTRIES);
        List<Ranked> ranked = new ArrayList<>();
        if (mode == SearchMode.SEMANTIC) {
            for (EntryMatch m : matches) {
                ranked.add(new Ranked(m.id(), m.date(), m.similarity(), m, null));
            }
        }
        else {
            List<SearchResults.Hit> bm25 = keyword.search(new SearchQuery(query.userId(), query.text(), query.mood(),
                    query.tags(), query.from(), query.to(), SearchSort.RELEVANCE, 0, SemanticSearch.MAX_ENTRIES))
                    .items().stream().filter(hit -> !hit.isPrivate()).toList();
            ranked = fuse(bm25, matches);
        }
        if (query.sort() == SearchSort.DATE) {
            ranked.sort(Comparator.comparing(Ranked::date, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(Comparator.comparingDouble(Ranked::score).reversed()));
        }
        int from = Math.min(ranked.size(), query.page() * query.size());
        List<Ranked> page = ranked.subList(from, Math.min(ranked.size(), from + query.size()));
        Map<UUID, String> snippets = semantic.snippets(query.text(),
                page.stream().filter(r -> r.match() != null).map(Ranked::match).toList());
        List<SearchResults.Hit> items = page.stream().map(r -> hit(r, snippets.get(r.id()), mode)).toList();
        return new SearchResults(ranked.size(), query.page(), query.size(), query.sort().name().toLowerCase(),
                mode.name().toLowerCase(), items, facets(ranked));
    }

    /** Reciprocal rank fusion of the two lists, best first (equal scores: the better semantic rank first). */
    static List<Ranked> fuse(List<SearchResults.Hit> bm25, List<EntryMatch> semantic) {
        Map<UUID, Double> scores = new LinkedHashMap<>();
        Map<UUID, SearchResults.Hit> keywordHits = new LinkedHashMap<>();
        Map<UUID, EntryMatch> semanticHits = new LinkedHashMap<>();
        for (int i = 0; i < semantic.size(); i++) {
            scores.merge(semantic.get(i).id(), 1.0 / (RRF_K + i + 1), Double::sum);
            semanticHits.put(semantic.get(i).id(), semantic.get(i));
        }
        for (int i = 0; i < bm25.size(); i++) {
            scores.merge(bm25.get(i).id(), 1.0 / (RRF_K + i + 1), Double::sum);
            keywordHits.put(bm25.get(i).id(), bm25.get(i));
        }
        List<Ranked> fused = new ArrayList<>();
        scores.forEach((id, score) -> {
            EntryMatch match = semanticHits.get(id);
            SearchResults.Hit hit = keywordHits.get(id);
            fused.add(new Ranked(id, match != null ? match.date() : hit.date(), score, match, hit));
        });
        // Stable: among equal scores the insertion order (semantic list first) stays.
        fused.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return fused.size() > SemanticSearch.MAX_ENTRIES ? new ArrayList<>(fused.subList(0, SemanticSearch.MAX_ENTRIES))
                : fused;
    }

    private static SearchResults.Hit hit(Ranked r, String snippet, SearchMode mode) {
        double score = mode == SearchMode.SEMANTIC ? Math.round(r.score() * 10_000) / 10_000.0
                : Math.round(r.score() * 1_000_000) / 1_000_000.0;
        if (r.keyword() != null) {
            SearchResults.Hit k = r.keyword();
            return new SearchResults.Hit(k.id(), k.date(), k.title(), k.mood(), k.tags(), k.isPrivate(),
                    k.highlights(), snippet, score);
        }
        EntryMatch m = r.match();
        return new SearchResults.Hit(m.id(), m.date(), m.title(), m.mood(), m.tags(), false, Map.of(), snippet,
                score);
    }

    private static SearchResults.Facets facets(List<Ranked> ranked) {
        Map<String, Long> moods = new TreeMap<>();
        Map<String, Long> tags = new TreeMap<>();
        for (Ranked r : ranked) {
            String mood = r.match() != null ? r.match().mood() : r.keyword().mood();
            List<String> entryTags = r.match() != null ? r.match().tags() : r.keyword().tags();
            if (mood != null) {
                moods.merge(mood, 1L, Long::sum);
            }
            entryTags.forEach(t -> tags.merge(t, 1L, Long::sum));
        }
        return new SearchResults.Facets(buckets(moods, JournalSearch.FACET_MOODS),
                buckets(tags, JournalSearch.FACET_TAGS));
    }

    /** Most frequent first, then by value, as Elasticsearch's terms aggregation orders them. */
    private static List<SearchResults.Bucket> buckets(Map<String, Long> counts, int size) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(size)
                .map(e -> new SearchResults.Bucket(e.getKey(), e.getValue()))
                .toList();
    }

    /** An entry of the window: its semantic match and/or its keyword hit, and the score it is ranked by. */
    record Ranked(UUID id, LocalDate date, double score, EntryMatch match, SearchResults.Hit keyword) {
    }
}
