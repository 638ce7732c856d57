package com.mindflow.query.semantic;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.mindflow.query.web.InvalidParameter;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/journals/{id}/similar} and {@code POST /api/journal/ask}: retrieval over the caller's embedded
 * entries. Not {@code @Validated}: Spring MVC's method validation names bad parameters (400), see
 * JournalEntryReadController.
 */
@Tag(name = "Meaning", description = "Similar entries and questions over the journal.")
@RestController
class SemanticController {

    static final int DEFAULT_SIMILAR = 5;
    static final int MAX_SIMILAR = 20;

    private final SimilarEntriesFinder similar;
    private final JournalAsk ask;

    SemanticController(SimilarEntriesFinder similar, JournalAsk ask) {
        this.similar = similar;
        this.ask = ask;
    }

    @Operation(summary = "List the entries most similar in meaning to one entry")
    @ApiResponse(responseCode = "200", description = "The similar entries, most similar first")
    @GetMapping("/api/journals/{id}/similar")
    SimilarEntries similar(@CurrentUser AuthenticatedUser user, @PathVariable UUID id,
            @RequestParam(defaultValue = "" + DEFAULT_SIMILAR) @Min(1) @Max(MAX_SIMILAR) int limit) {
        // Someone else's entry is indistinguishable from a missing one: 404 either way, as GET /api/journals/{id}.
        return similar.similar(user.userId().value(), id, limit)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such journal entry"));
    }

    @Operation(summary = "Ask a question of the journal: answers with the passages of the user's entries that fit it best")
    @ApiResponse(responseCode = "200", description = "The passages that answer the question",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Answer.class)))
    @PostMapping("/api/journal/ask")
    ResponseEntity<?> ask(@CurrentUser AuthenticatedUser user, @Valid @RequestBody AskRequest request) {
        if (request.from() != null && request.to() != null && request.to().isBefore(request.from())) {
            return InvalidParameter.response("to", "must not be before from");
        }
        return ResponseEntity.ok(ask.ask(user.userId().value(), request.question().strip(), request.from(),
                request.to()));
    }
}
