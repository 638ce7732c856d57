package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Entries like one of the caller's, best first. {@code status}: {@code ok}; {@code private} (the entry is private or
 * the caller is in private mode: it is never embedded, so nothing is like it); {@code not-analysed} (no chunks yet:
 * ai-processing-service has not embedded it). {@code score} is the cosine of the entry's centroid with the other
 * entry's best chunk.
 */
public record SimilarEntries(UUID entryId, String status, List<Item> items) {

    public static final String OK = "ok";
    public static final String PRIVATE = "private";
    public static final String NOT_ANALYSED = "not-analysed";

    public record Item(UUID id, LocalDate date, String title, String mood, List<String> tags, double score,
            String snippet) {
    }
}
