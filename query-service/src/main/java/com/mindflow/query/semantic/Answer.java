package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/journal/ask}'s answer. {@code passages} are the caller's own sentences that answer it, each with
 * its entry, date and cosine with the question ({@code score}). {@code answer} either quotes the best of them with
 * their dates, or says that nothing matched ({@code answeredBy} {@value #EXTRACTIVE}), or was written by the optional
 * language model from those passages alone ({@value #LANGUAGE_MODEL}).
 */
public record Answer(String question, String answer, List<Passage> passages, String answeredBy) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LANGUAGE_MODEL = "language-model";

    public record Passage(UUID entryId, LocalDate date, String sentence, double score) {
    }
}
