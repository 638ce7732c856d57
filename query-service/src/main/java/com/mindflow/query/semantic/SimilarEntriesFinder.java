package com.mindflow.query.semantic;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Entries like one of the caller's. The entry is represented by the mean of its chunk vectors (re-normalised): one
 * kNN instead of one per chunk, and an entry that is about two things is like entries about either. The entry itself
 * is excluded in the kNN filter; the hits go through the same collapse and read-model check as a search.
 */
@Component
class SimilarEntriesFinder {

    /** Less alike than this is not "similar" (cosine of the centroid with the best chunk). */
    static final double MIN_SIMILARITY = 0.2;

    private final ChunkIndex chunks;
    private final VisibleEntries entries;
    private final SemanticSearch search;

    SimilarEntriesFinder(ChunkIndex chunks, VisibleEntries entries, SemanticSearch search) {
        this.chunks = chunks;
        this.entries = entries;
        this.search = search;
    }

    /** Empty when the entry is not the caller's (or does not exist). */
    Optional<SimilarEntries> similar(UUID userId, UUID entryId, int limit) {
        Optional<VisibleEntries.Entry> entry = entries.owned(userId, entryId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        if (!entry.get().shareable()) {
            return Optional.of(new SimilarEntries(entryId, SimilarEntries.PRIVATE, List.of()));
        }
        List<Chunk> own = chunks.ofEntry(userId, entryId).stream().filter(c -> c.vector() != null).toList();
        if (own.isEmpty()) {
            return Optional.of(new SimilarEntries(entryId, SimilarEntries.NOT_ANALYSED, List.of()));
        }
        float[] centroid = centroid(own);
        List<Chunk> nearest = chunks.nearest(userId, centroid, SemanticSearch.CHUNKS, SemanticSearch.NUM_CANDIDATES,
                null, null, entryId);
        List<EntryMatch> matches = search.collapse(userId, nearest, SemanticFilter.dates(null, null), limit,
                MIN_SIMILARITY);
        Map<UUID, String> snippets = search.snippets(null, matches);
        return Optional.of(new SimilarEntries(entryId, SimilarEntries.OK, matches.stream()
                .map(m -> new SimilarEntries.Item(m.id(), m.date(), m.title(), m.mood(), m.tags(),
                        JournalAsk.round(m.similarity()), snippets.get(m.id())))
                .toList()));
    }

    static float[] centroid(List<Chunk> chunks) {
        int dimensions = chunks.getFirst().vector().length;
        float[] sum = new float[dimensions];
        for (Chunk chunk : chunks) {
            for (int i = 0; i < dimensions; i++) {
                sum[i] += chunk.vector()[i];
            }
        }
        double norm = 0;
        for (float f : sum) {
            norm += f * f;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dimensions; i++) {
            sum[i] = (float) (sum[i] / (norm == 0 ? 1 : norm));
        }
        return sum;
    }
}
