package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/journal/ask}'s answer. {@code passages} are the caller's own sentences that answer it, each with
 * its entry, date and cosine with the question ({@code score}). {@code answer} either quotes the best of them with
 * their dates, or says that nothing matched ({@code answeredBy} {@value #EXTRACTIVE}), or was written by the optional
 * language model from those passages alone ({@value #LANGUAGE_MODEL}).
 */
@Schema(description = "The answer to a question about the user's journal, with the passages of their entries it "
        + "rests on.")
public record Answer(@Schema(description = "The question as asked.") String question,
        @Schema(description = "The answer: the best passages quoted with their dates, a sentence that nothing "
                + "matched, or a language model's answer from those passages alone.") String answer,
        @Schema(description = "The user's own sentences that answer the question, best first.")
        List<Passage> passages,
        @Schema(description = "How the answer was made: `extractive` (quoted passages) or `language-model`.")
        String answeredBy) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LANGUAGE_MODEL = "language-model";

    @Schema(description = "A sentence of one of the user's journal entries that answers the question.")
    public record Passage(UUID entryId,
            @Schema(description = "The entry's day (ISO-8601 date).") LocalDate date,
            String sentence,
            @Schema(description = "The cosine similarity of the sentence with the question, -1..1; higher is "
                    + "closer.") double score) {
    }
}
