package com.mindflow.query.journal;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The AI's analysis of an entry, as {@code GET /api/journals/{id}} shows it.
 *
 * @param status {@code completed} (the fields below are filled), {@code queued}, {@code processing}, {@code failed},
 *               or {@code not_analysed} (a private entry, an entry of a user in private mode, or nothing known yet)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryAnalysis(String status, Double sentimentScore, String sentimentLabel, List<String> keyPhrases,
        String language, Instant analysedAt) {

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
