package com.mindflow.query.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A page of search hits with facets. Facets count the moods and tags of every matching entry, not just this page.
 */
public record SearchResults(long total, int page, int size, String sort, List<Hit> items, Facets facets) {

    /** {@code highlights} maps {@code title}/{@code content} to fragments with {@code <em>} around matches. */
    public record Hit(UUID id, LocalDate date, String title, String mood, List<String> tags, boolean isPrivate,
            Double score, Map<String, List<String>> highlights) {
    }

    public record Facets(List<Bucket> moods, List<Bucket> tags) {
    }

    public record Bucket(String value, long count) {
    }
}
