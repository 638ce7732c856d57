package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An entry a semantic search found, with the read model's current fields and the chunk that matched best.
 * {@code similarity} is that chunk's cosine with the query. {@code passage} is the chunk's text, {@code null} when
 * the chunk is older than the entry (the entry was edited and not yet re-embedded: its old text is not shown).
 */
public record EntryMatch(UUID id, LocalDate date, String title, String mood, List<String> tags, double similarity,
        int chunkIndex, String passage) {
}
