package com.mindflow.events.ai;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A theme found across the entries of an insight's period.
 *
 * @param frequency    how many of the analysed entries touch the theme
 * @param relatedWords words from the entries that point to the theme
 */
public record InsightTheme(String name, int frequency, Sentiment sentiment, List<String> relatedWords,
        List<UUID> entryIds) {

    public InsightTheme {
        Objects.requireNonNull(name, "name");
        relatedWords = relatedWords == null ? List.of() : List.copyOf(relatedWords);
        entryIds = entryIds == null ? List.of() : List.copyOf(entryIds);
    }
}
