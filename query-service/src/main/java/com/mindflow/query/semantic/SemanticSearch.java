package com.mindflow.query.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.mindflow.support.readside.JournalChunker;

/**
 * Semantic search over the caller's entries: the kNN's nearest chunks, collapsed to entries (the best chunk of each
 * counts), cross-checked against the read model ({@link VisibleEntries}), filtered and cut at a minimum similarity.
 */
@Component
public class SemanticSearch {

    /** Entries a semantic search ranks at most (the result window of the semantic and hybrid modes). */
    public static final int MAX_ENTRIES = 50;
    /**
     * Chunks the kNN returns: several per entry, so that {@link #MAX_ENTRIES} entries survive collapsing and the
     * read-model filters.
     */
    static final int CHUNKS = 200;
    /**
     * Candidates per shard: the kNN's filter keeps the caller's chunks only, and Lucene searches exactly when fewer
     * documents than this pass the filter, so a journal of up to this many chunks is searched exhaustively.
     */
    static final int NUM_CANDIDATES = 1_000;
    /**
     * Cosine below which a chunk is not a match at all. all-MiniLM-L6-v2 puts unrelated short texts around 0–0.2 and
     * paraphrases of a journal passage above 0.27 (retrieval/journal-retrieval-set.json: the relevant entries scored
     * 0.27–0.48, the rest mostly below 0.25). The floor matters most for hybrid: without it every entry gets some
     * semantic rank, so a BM25 hit on a word as empty as "my" also collects semantic credit and outranks the one entry
     * that is really about the query (RetrievalQualityIT: hybrid recall@5 0.93 at 0.15, 1.0 at 0.25).
     */
    public static final double MIN_SIMILARITY = 0.25;

    /** How ai-processing-service cut the entries into the passages it embedded. */
    private static final JournalChunker CHUNKER = new JournalChunker();

    private final Embeddings embeddings;
    private final ChunkIndex chunks;
    private final VisibleEntries entries;

    SemanticSearch(Embeddings embeddings, ChunkIndex chunks, VisibleEntries entries) {
        this.embeddings = embeddings;
        this.chunks = chunks;
        this.entries = entries;
    }

    /** The vector of a query: the model the chunks were embedded with. */
    public float[] embed(String text) {
        return embeddings.embed(text);
    }

    /** The caller's entries nearest to {@code query}, best first, at most {@code limit}. */
    public List<EntryMatch> search(UUID userId, float[] query, SemanticFilter filter, int limit) {
        List<Chunk> nearest = chunks.nearest(userId, query, CHUNKS, NUM_CANDIDATES, filter.from(), filter.to(), null);
        return collapse(userId, nearest, filter, limit, MIN_SIMILARITY);
    }

    /**
     * The best chunk of each entry, in the order of their best chunks, for the entries the read model lets the caller
     * see and {@code filter} admits.
     */
    List<EntryMatch> collapse(UUID userId, List<Chunk> nearest, SemanticFilter filter, int limit,
            double minSimilarity) {
        Map<UUID, Chunk> best = new LinkedHashMap<>();
        for (Chunk chunk : nearest) {
            if (chunk.similarity() >= minSimilarity) {
                best.merge(chunk.entryId(), chunk, (a, b) -> a.similarity() >= b.similarity() ? a : b);
            }
        }
        Map<UUID, VisibleEntries.Entry> visible = entries.visible(userId, best.keySet());
        List<Chunk> kept = new ArrayList<>();
        best.values().stream()
                .sorted((a, b) -> Double.compare(b.similarity(), a.similarity()))
                .forEach(chunk -> {
                    VisibleEntries.Entry entry = visible.get(chunk.entryId());
                    if (entry != null && filter.admits(entry) && kept.size() < limit) {
                        kept.add(chunk);
                    }
                });
        Set<UUID> current = currentPassages(userId, kept, visible);
        return kept.stream().map(chunk -> {
            VisibleEntries.Entry entry = visible.get(chunk.entryId());
            return new EntryMatch(entry.id(), entry.date(), entry.title(), entry.mood(), entry.tags(),
                    chunk.similarity(), chunk.chunkIndex(), current.contains(entry.id()) ? chunk.text() : null);
        }).toList();
    }

    /**
     * The entries whose matched chunk still shows their text. A chunk of the entry's version does; an older one
     * does only if the entry's text today cuts into the same passage at the same place: an attachment added or a
     * mood changed moves the version on without touching the words, an edit of the words is not shown until it is
     * embedded again (the old text is never shown).
     */
    private Set<UUID> currentPassages(UUID userId, List<Chunk> kept, Map<UUID, VisibleEntries.Entry> visible) {
        Set<UUID> current = new HashSet<>();
        List<Chunk> older = new ArrayList<>();
        for (Chunk chunk : kept) {
            if (chunk.entryVersion() >= visible.get(chunk.entryId()).version()) {
                current.add(chunk.entryId());
            }
            else {
                older.add(chunk);
            }
        }
        if (!older.isEmpty()) {
            Map<UUID, VisibleEntries.Text> texts = entries.texts(userId,
                    older.stream().map(Chunk::entryId).toList());
            for (Chunk chunk : older) {
                VisibleEntries.Text text = texts.get(chunk.entryId());
                List<String> passages = text == null ? List.of() : CHUNKER.chunks(text.title(), text.content());
                if (chunk.chunkIndex() < passages.size() && passages.get(chunk.chunkIndex()).equals(chunk.text())) {
                    current.add(chunk.entryId());
                }
            }
        }
        return current;
    }

    /**
     * The sentence to show with each match ({@link Snippets}), by entry id; none for a match without a current
     * passage.
     */
    public Map<UUID, String> snippets(String query, List<EntryMatch> matches) {
        Map<UUID, String> snippets = new HashMap<>();
        for (EntryMatch match : matches) {
            String sentence = Snippets.of(match.passage(), match.chunkIndex(), match.title(), query);
            if (sentence != null) {
                snippets.put(match.id(), sentence);
            }
        }
        return snippets;
    }
}
