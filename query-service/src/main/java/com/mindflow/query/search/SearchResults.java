package com.mindflow.query.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A page of search hits with facets. Facets count the moods and tags of every matching entry, not just this page
 * (for the semantic and hybrid modes: of every entry in their result window). {@code mode} is the ranking that
 * produced the page ({@link SearchMode}).
 */
public record SearchResults(long total, int page, int size, String sort, String mode, List<Hit> items,
        Facets facets) {

    /**
     * {@code highlights} maps {@code title}/{@code content} to fragments with {@code <em>} around matches (keyword
     * hits). No score in keyword mode: a shard's term statistics include other journals routed to it, and their
     * numbers are not the caller's to see; the order of {@code items} is all a client needs. The semantic and hybrid
     * modes add {@code snippet} (the sentence of the best matching passage nearest to the query) and {@code score}
     * (semantic: the cosine of the query with that passage, which depends on nothing but the two texts; hybrid: the
     * reciprocal rank fusion score, from the caller's own ranks).
     */
    public record Hit(UUID id, LocalDate date, String title, String mood, List<String> tags, boolean isPrivate,
            Map<String, List<String>> highlights, @JsonInclude(JsonInclude.Include.NON_NULL) String snippet,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double score) {

        Hit(UUID id, LocalDate date, String title, String mood, List<String> tags, boolean isPrivate,
                Map<String, List<String>> highlights) {
            this(id, date, title, mood, tags, isPrivate, highlights, null, null);
        }
    }

    public record Facets(List<Bucket> moods, List<Bucket> tags) {
    }

    public record Bucket(String value, long count) {
    }
}
