package com.mindflow.query.tag;

import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** GET /api/tags/suggest?prefix=: the caller's own tags starting with the prefix. */
@Tag(name = "Tags", description = "Tag suggestions from the user's own tags.")
@RestController
class TagSuggestController {

    private final TagSuggestions suggestions;

    TagSuggestController(TagSuggestions suggestions) {
        this.suggestions = suggestions;
    }

    @Schema(description = "The user's own tags that start with a prefix, most used first.")
    record TagSuggestionList(@Schema(description = "The prefix as asked.") String prefix,
            @Schema(description = "The matching tags.") List<String> tags) {
    }

    @Operation(summary = "Suggest the signed-in user's tags that start with a prefix, most used first")
    @ApiResponse(responseCode = "200", description = "The suggested tags")
    @GetMapping("/api/tags/suggest")
    TagSuggestionList suggest(@CurrentUser AuthenticatedUser user,
            @RequestParam @NotBlank @Size(min = 1, max = 50) String prefix,
            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int size) {
        String normalized = prefix.strip().toLowerCase(Locale.ROOT);
        return new TagSuggestionList(normalized, suggestions.suggest(user.userId().value(), normalized, size));
    }
}
