package com.mindflow.query.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.query.semantic.SemanticSearch;
import com.mindflow.query.web.InvalidParameter;
import com.mindflow.support.readside.JournalChunkIndex;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * GET /api/search: over the caller's own entries, with mood/tag facets. {@code mode=keyword} (default): full text with
 * highlights; {@code semantic}: by meaning (kNN over the embedded passages); {@code hybrid}: both, fused by reciprocal
 * rank. The two meaning modes need {@code q} and rank a window of {@link SemanticSearch#MAX_ENTRIES} entries.
 */
@Tag(name = "Search", description = "Full-text and meaning search over the journal.")
@RestController
class SearchController {

    /** Elasticsearch's default max_result_window: deeper pages would fail there. */
    static final int MAX_WINDOW = 10_000;

    private final JournalSearch search;
    private final MeaningSearch meaning;

    SearchController(JournalSearch search, MeaningSearch meaning) {
        this.search = search;
        this.meaning = meaning;
    }

    @Operation(summary = "Search the signed-in user's journal by words or by meaning, with filters")
    @ApiResponse(responseCode = "200", description = "A page of matching entries with highlights",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SearchResults.class)))
    @GetMapping("/api/search")
    ResponseEntity<?> search(@CurrentUser AuthenticatedUser user,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) @Pattern(regexp = "ecstatic|happy|neutral|sad|anxious|angry") String mood,
            @RequestParam(required = false) @Size(max = 10) List<@Size(min = 1, max = 50) String> tag,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Pattern(regexp = "relevance|date") String sort,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(50) int size,
            @RequestParam(required = false) @Pattern(regexp = "keyword|semantic|hybrid") String mode) {
        if (from != null && to != null && from.isAfter(to)) {
            return InvalidParameter.response("to", "must not be before from");
        }
        if ((long) (page + 1) * size > MAX_WINDOW) {
            return InvalidParameter.response("page", "reaches past the first " + MAX_WINDOW + " results");
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        SearchMode ranking = mode == null ? SearchMode.KEYWORD : SearchMode.valueOf(mode.toUpperCase(Locale.ROOT));
        if (ranking != SearchMode.KEYWORD && text == null) {
            return InvalidParameter.response("q", "is required for " + mode + " search");
        }
        if (ranking != SearchMode.KEYWORD && !JournalChunkIndex.embeddable(text)) {
            return InvalidParameter.response("q", "must contain a word for " + mode + " search");
        }
        if (ranking != SearchMode.KEYWORD && (long) (page + 1) * size > SemanticSearch.MAX_ENTRIES) {
            return InvalidParameter.response("page", "reaches past the first " + SemanticSearch.MAX_ENTRIES
                    + " results of " + mode + " search");
        }
        SearchSort order = sort == null ? (text == null ? SearchSort.DATE : SearchSort.RELEVANCE)
                : SearchSort.valueOf(sort.toUpperCase(Locale.ROOT));
        List<String> tags = tag == null ? List.of()
                : tag.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        SearchQuery query = new SearchQuery(user.userId().value(), text, mood, tags, from, to, order, page, size);
        return ResponseEntity.ok(ranking == SearchMode.KEYWORD ? search.search(query) : meaning.search(query, ranking));
    }
}
