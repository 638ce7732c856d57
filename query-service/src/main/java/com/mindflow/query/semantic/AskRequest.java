package com.mindflow.query.semantic;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A question about the caller's journal, optionally about entries dated {@code from}..{@code to} (inclusive). */
record AskRequest(
        @NotBlank @Size(max = AskRequest.MAX_QUESTION)
        // Blank is @NotBlank's to name; the pattern refuses what the model cannot embed (emoji, U+FEFF only).
        @Pattern(regexp = "(?s)\\s*|.*[\\p{L}\\p{Nd}].*", message = "must contain a word") String question,
        LocalDate from, LocalDate to) {

    static final int MAX_QUESTION = 500;
}
