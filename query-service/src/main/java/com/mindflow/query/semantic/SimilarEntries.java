package com.mindflow.query.semantic;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Entries like one of the caller's, best first. {@code status}: {@code ok}; {@code private} (the entry is private or
 * the caller is in private mode: it is never embedded, so nothing is like it); {@code not-analysed} (no chunks yet:
 * ai-processing-service has not embedded it). {@code score} is the cosine of the entry's centroid with the other
 * entry's best chunk.
 */
@Schema(description = "The user's journal entries most like one of theirs in meaning, best first.")
public record SimilarEntries(@Schema(description = "The entry the others are like.") UUID entryId,
        @Schema(description = "`ok`; `private` (the entry is private or the user is in private mode: it is never "
                + "embedded, so nothing is like it); `not-analysed` (the entry has not been embedded yet).")
        String status,
        List<Item> items) {

    public static final String OK = "ok";
    public static final String PRIVATE = "private";
    public static final String NOT_ANALYSED = "not-analysed";

    @Schema(description = "A journal entry like the given one.")
    public record Item(UUID id,
            @Schema(description = "The entry's day (ISO-8601 date).") LocalDate date,
            String title,
            @Schema(description = "How the author felt: `ecstatic`, `happy`, `neutral`, `sad`, `anxious` or `angry`; "
                    + "null for none.") String mood,
            List<String> tags,
            @Schema(description = "The cosine similarity of the two entries, -1..1; higher is closer.") double score,
            @Schema(description = "The sentence of the entry most like the given one.") String snippet) {
    }
}
