package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An entry a semantic search found, with the read model's current fields and the chunk that matched best.
 * {@code similarity} is that chunk's cosine with the query. {@code passage} is the chunk's text, {@code null} when
 * the entry's words changed since the chunk was embedded (edited and not yet embedded again: its old text is not
 * shown); a newer version that left the words alone (an attachment, the mood) keeps it.
 */
public record EntryMatch(UUID id, LocalDate date, String title, String mood, List<String> tags, double similarity,
        int chunkIndex, String passage) {
}
