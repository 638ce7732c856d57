package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.List;

/**
 * What narrows a semantic search besides the caller: the entry date ({@code from}/{@code to}, inclusive; applied in
 * the kNN filter on the chunk's date and again on the read model's), the mood and every tag (from the read model,
 * after the kNN: the chunk index has neither).
 */
public record SemanticFilter(LocalDate from, LocalDate to, String mood, List<String> tags) {

    public SemanticFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static SemanticFilter dates(LocalDate from, LocalDate to) {
        return new SemanticFilter(from, to, null, List.of());
    }

    boolean admits(VisibleEntries.Entry entry) {
        return (from == null || !entry.date().isBefore(from)) && (to == null || !entry.date().isAfter(to))
                && (mood == null || mood.equals(entry.mood())) && entry.tags().containsAll(tags);
    }
}
