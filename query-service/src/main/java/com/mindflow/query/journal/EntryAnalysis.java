package com.mindflow.query.journal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The AI's analysis of an entry, as {@code GET /api/journals/{id}} shows it.
 *
 * @param status {@code completed} (the fields below are filled), {@code queued}, {@code processing}, {@code failed},
 *               or {@code not_analysed} (a private entry, an entry of a user in private mode, or nothing known yet)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The AI's analysis of a journal entry: its sentiment, key phrases and language. Only `status` "
        + "unless it is `completed`.")
public record EntryAnalysis(
        @Schema(description = "`completed` (the other fields are filled), `queued`, `processing`, `failed`, or "
                + "`not_analysed` (a private entry, a user in private mode, or nothing known yet).")
        String status,
        @Schema(description = "The entry's sentiment, from -1 (most negative) to 1 (most positive).")
        Double sentimentScore,
        @Schema(description = "The sentiment's label: `positive` (score at least 0.05), `negative` (at most "
                + "-0.05) or `neutral`.")
        String sentimentLabel,
        @Schema(description = "The entry's key phrases, most telling first.") List<String> keyPhrases,
        @Schema(description = "The entry's detected language: `en` or `pt`.") String language,
        @Schema(description = "When the entry was analysed.") Instant analysedAt) {

    static final String COMPLETED = "completed";
    static final String PROCESSING = "processing";
    static final String NOT_ANALYSED = "not_analysed";

    /** Queued or being analysed: the answer will change while the entry's version does not. */
    @JsonIgnore
    public boolean pending() {
        return "queued".equals(status) || PROCESSING.equals(status);
    }

    static EntryAnalysis only(String status) {
        return new EntryAnalysis(status, null, null, null, null, null);
    }
}
