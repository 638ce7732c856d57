package com.mindflow.query.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A page of search hits with facets. Facets count the moods and tags of every matching entry, not just this page.
 */
public record SearchResults(long total, int page, int size, String sort, List<Hit> items, Facets facets) {

    /**
     * {@code highlights} maps {@code title}/{@code content} to fragments with {@code <em>} around matches. No score:
     * a shard's term statistics include other journals routed to it, and their numbers are not the caller's to see;
     * the order of {@code items} is all a client needs.
     */
    public record Hit(UUID id, LocalDate date, String title, String mood, List<String> tags, boolean isPrivate,
            Map<String, List<String>> highlights) {
    }

    public record Facets(List<Bucket> moods, List<Bucket> tags) {
    }

    public record Bucket(String value, long count) {
    }
}
