package com.mindflow.events.ai;

import java.util.List;
import java.util.Objects;

/**
 * A theme found across the entries of an insight's period.
 *
 * @param frequency    how many of the analysed entries touch the theme
 * @param relatedWords words from the entries that point to the theme
 */
public record InsightTheme(String name, int frequency, Sentiment sentiment, List<String> relatedWords) {

    public InsightTheme {
        Objects.requireNonNull(name, "name");
        relatedWords = relatedWords == null ? List.of() : List.copyOf(relatedWords);
    }
}
