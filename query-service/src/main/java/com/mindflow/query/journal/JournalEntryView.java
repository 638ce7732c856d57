package com.mindflow.query.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A journal entry in a list, from {@code journals_view}. {@code version} is the write-side version. Attachments are
 * only counted here: their download links expire, so they belong to the single-entry read, not to a cached page.
 */
@Schema(description = "A journal entry in a list; its attachments are only counted.")
public record JournalEntryView(UUID id,
        @Schema(description = EntryDocs.DATE) LocalDate date,
        String title,
        @Schema(description = EntryDocs.CONTENT) String content,
        @Schema(description = EntryDocs.MOOD) String mood,
        List<String> tags, String location, String weather,
        @Schema(description = EntryDocs.WORD_COUNT) int wordCount,
        @Schema(description = EntryDocs.READING_TIME) int readingTime,
        @Schema(description = EntryDocs.PRIVATE) boolean isPrivate,
        @Schema(description = "How many files are attached to the entry.") long attachmentCount,
        @Schema(description = EntryDocs.VERSION) long version,
        Instant createdAt, Instant updatedAt) {
}
