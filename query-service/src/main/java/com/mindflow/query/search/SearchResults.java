package com.mindflow.query.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A page of search hits with facets. Facets count the moods and tags of every matching entry, not just this page
 * (for the semantic and hybrid modes: of every entry in their result window). {@code mode} is the ranking that
 * produced the page ({@link SearchMode}).
 */
@Schema(description = "A page of journal entries matching a search, with mood and tag counts over all matches.")
public record SearchResults(@Schema(description = "How many entries match.") long total,
        @Schema(description = "The page's number, from 0.") int page,
        @Schema(description = "The page size asked for.") int size,
        @Schema(description = "The order: `relevance` or `date` (newest first).") String sort,
        @Schema(description = "The ranking that produced the page: `keyword` (full text), `semantic` (by meaning) "
                + "or `hybrid` (both, fused by rank).") String mode,
        List<Hit> items, Facets facets) {

    /**
     * {@code highlights} maps {@code title}/{@code content} to fragments with {@code <em>} around matches (keyword
     * hits). No score in keyword mode: a shard's term statistics include other journals routed to it, and their
     * numbers are not the caller's to see; the order of {@code items} is all a client needs. The semantic and hybrid
     * modes add {@code snippet} (the sentence of the best matching passage nearest to the query) and {@code score}
     * (semantic: the cosine of the query with that passage, which depends on nothing but the two texts; hybrid: the
     * reciprocal rank fusion score, from the caller's own ranks).
     */
    @Schema(description = "A journal entry that matches the search.")
    public record Hit(UUID id,
            @Schema(description = "The day the entry is about (ISO-8601 date).") LocalDate date,
            String title,
            @Schema(description = "How the author felt: `ecstatic`, `happy`, `neutral`, `sad`, `anxious` or "
                    + "`angry`; null for none.") String mood,
            List<String> tags,
            @Schema(description = "Whether the entry is kept out of AI analysis and semantic search.")
            boolean isPrivate,
            @Schema(description = "Keyword matches by field (`title`, `content`): fragments with `<em>` around the "
                    + "matched words.") Map<String, List<String>> highlights,
            @Schema(description = "Semantic and hybrid modes: the sentence of the best matching passage.")
            @JsonInclude(JsonInclude.Include.NON_NULL) String snippet,
            @Schema(description = "Semantic mode: the cosine similarity of the query with that passage; hybrid "
                    + "mode: the reciprocal rank fusion score. Absent in keyword mode.")
            @JsonInclude(JsonInclude.Include.NON_NULL) Double score) {

        Hit(UUID id, LocalDate date, String title, String mood, List<String> tags, boolean isPrivate,
                Map<String, List<String>> highlights) {
            this(id, date, title, mood, tags, isPrivate, highlights, null, null);
        }
    }

    @Schema(description = "How many matching entries have each mood and each tag.")
    public record Facets(List<Bucket> moods, List<Bucket> tags) {
    }

    @Schema(description = "One mood or tag and how many matching entries have it.")
    public record Bucket(@Schema(description = "The mood or the tag.") String value,
            @Schema(description = "Matching entries with it.") long count) {
    }
}
