package com.mindflow.query.semantic;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/** A question about the caller's journal, optionally about entries dated {@code from}..{@code to} (inclusive). */
@Schema(description = "A question about the user's journal, answered from their own entries.")
record AskRequest(
        @Schema(description = "The question in plain words, at most 500 characters.")
        @NotBlank @Size(max = AskRequest.MAX_QUESTION)
        // Blank is @NotBlank's to name; the pattern refuses what the model cannot embed (emoji, U+FEFF only).
        @Pattern(regexp = "(?s)\\s*|.*[\\p{L}\\p{Nd}].*", message = "must contain a word") String question,
        @Schema(description = "Only entries dated from this day (ISO-8601 date), inclusive.") LocalDate from,
        @Schema(description = "Only entries dated until this day (ISO-8601 date), inclusive.") LocalDate to) {

    static final int MAX_QUESTION = 500;
}
