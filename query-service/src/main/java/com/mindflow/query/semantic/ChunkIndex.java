package com.mindflow.query.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalChunkIndex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;

/**
 * kNN and lookups on the {@code journal_entry_chunks} alias ({@link JournalChunkIndex}). Every request is routed to the
 * caller's shard and every query, the kNN's {@code filter} included, carries {@code term userId = caller}: the filter
 * is applied while the graph is searched, so the k nearest are the caller's k nearest, never another user's. The
 * filter is not a parameter; nothing a client sends can widen it.
 *
 * <p>While the index does not exist yet (projection-service creates it with the first embedded entry) there is
 * nothing to find: an empty answer, not an error.
 */
@Component
class ChunkIndex {

    /** Chunks of one entry: {@code JournalChunker.MAX_CHUNKS}. */
    static final int MAX_CHUNKS_PER_ENTRY = 40;

    private static final List<String> FIELDS = List.of("journalEntryId", "chunkIndex", "entryVersion", "date", "text",
            "model");

    private final ElasticsearchClient es;

    ChunkIndex(ElasticsearchClient es) {
        this.es = es;
    }

    /**
     * The {@code k} chunks of the caller nearest to {@code vector} (cosine), best first; {@code from}/{@code to}
     * bound the entry date, {@code excludeEntry} leaves one entry out.
     */
    List<Chunk> nearest(UUID userId, float[] vector, int k, int numCandidates, LocalDate from, LocalDate to,
            UUID excludeEntry) {
        List<Float> queryVector = new ArrayList<>(vector.length);
        for (float f : vector) {
            queryVector.add(f);
        }
        Query filter = Query.of(q -> q.bool(b -> {
            b.filter(f -> f.term(t -> t.field("userId").value(userId.toString())));
            b.filter(f -> f.term(t -> t.field("model").value(JournalChunkIndex.MODEL)));
            if (from != null || to != null) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field("date");
                    if (from != null) {
                        d.gte(from.toString());
                    }
                    if (to != null) {
                        d.lte(to.toString());
                    }
                    return d;
                })));
            }
            if (excludeEntry != null) {
                b.mustNot(m -> m.term(t -> t.field("journalEntryId").value(excludeEntry.toString())));
            }
            return b;
        }));
        SearchRequest request = SearchRequest.of(s -> s.index(JournalChunkIndex.ALIAS)
                .routing(JournalChunkIndex.routing(userId))
                .knn(knn -> knn.field("vector").queryVector(queryVector).k(k).numCandidates(numCandidates)
                        .filter(filter))
                .size(k)
                .source(src -> src.filter(f -> f.includes(FIELDS))));
        return search(request, false);
    }

    /** Every chunk of one of the caller's entries, with its vector, in chunk order. */
    List<Chunk> ofEntry(UUID userId, UUID entryId) {
        SearchRequest request = SearchRequest.of(s -> s.index(JournalChunkIndex.ALIAS)
                .routing(JournalChunkIndex.routing(userId))
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("userId").value(userId.toString())))
                        .filter(f -> f.term(t -> t.field("journalEntryId").value(entryId.toString())))
                        .filter(f -> f.term(t -> t.field("model").value(JournalChunkIndex.MODEL)))))
                .sort(o -> o.field(f -> f.field("chunkIndex").order(SortOrder.Asc)))
                .size(MAX_CHUNKS_PER_ENTRY)
                .source(src -> src.filter(f -> {
                    List<String> fields = new ArrayList<>(FIELDS);
                    fields.add("vector");
                    // Elasticsearch 9 leaves vectors out of _source unless asked.
                    return f.includes(fields).excludeVectors(false);
                })));
        return search(request, true);
    }

    @SuppressWarnings("rawtypes")
    private List<Chunk> search(SearchRequest request, boolean withVectors) {
        try {
            return es.search(request, Map.class).hits().hits().stream().map(hit -> chunk(hit, withVectors)).toList();
        }
        catch (ElasticsearchException e) {
            if (e.error() != null && "index_not_found_exception".equals(e.error().type())) {
                return List.of();
            }
            throw e;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Chunk search failed", e);
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Chunk chunk(Hit<Map> hit, boolean withVector) {
        Map<String, Object> source = hit.source() == null ? Map.of() : hit.source();
        float[] vector = null;
        if (withVector && source.get("vector") instanceof List<?> values) {
            vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = ((Number) values.get(i)).floatValue();
            }
        }
        // A cosine kNN scores (1 + cosine) / 2.
        double similarity = hit.score() == null ? 0 : 2 * hit.score() - 1;
        return new Chunk(UUID.fromString(source.get("journalEntryId").toString()),
                ((Number) source.getOrDefault("chunkIndex", 0)).intValue(),
                ((Number) source.getOrDefault("entryVersion", 0)).longValue(),
                source.get("date") == null ? null : LocalDate.parse(source.get("date").toString()),
                source.get("text") == null ? "" : source.get("text").toString(), similarity, vector);
    }
}
