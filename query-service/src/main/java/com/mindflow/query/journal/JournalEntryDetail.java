package com.mindflow.query.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One journal entry with its tags and attachments, each attachment with fresh presigned download links, and the
 * AI's analysis of it.
 */
@Schema(description = "One journal entry in full: its text, mood and tags, its attachments with fresh download links, "
        + "and the AI's analysis of it.")
public record JournalEntryDetail(UUID id,
        @Schema(description = EntryDocs.DATE) LocalDate date,
        String title,
        @Schema(description = EntryDocs.CONTENT) String content,
        @Schema(description = EntryDocs.MOOD) String mood,
        List<String> tags, String location, String weather,
        @Schema(description = EntryDocs.WORD_COUNT) int wordCount,
        @Schema(description = EntryDocs.READING_TIME) int readingTime,
        @Schema(description = EntryDocs.PRIVATE) boolean isPrivate,
        List<AttachmentView> attachments,
        @Schema(description = EntryDocs.VERSION) long version,
        Instant createdAt, Instant updatedAt, EntryAnalysis analysis) {
}
