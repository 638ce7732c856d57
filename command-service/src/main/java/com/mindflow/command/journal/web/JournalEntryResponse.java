package com.mindflow.command.journal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.mindflow.command.journal.JournalEntry;

import io.swagger.v3.oas.annotations.media.Schema;

/** An entry as the author sees it right after a write; {@code version} is also the ETag. */
@Schema(description = "A journal entry as stored by a write; its `version` is also the ETag for the next `If-Match`.")
record JournalEntryResponse(UUID id,
        @Schema(description = "The day the entry is about (ISO-8601 date).") LocalDate date,
        String title, String content,
        @Schema(description = "How the author felt: "
                + "`ecstatic`, `happy`, `neutral`, `sad`, `anxious` or `angry`; null for none.")
        String mood,
        List<String> tags, String location, String weather,
        @Schema(description = "Words in `content` (without Markdown markup), counted by the server.") int wordCount,
        @Schema(description = "Estimated seconds to read `content`, at 200 words a minute.") int readingTime,
        @Schema(description = "Whether the entry is kept out of AI analysis and semantic search.") boolean isPrivate,
        @Schema(description = "The entry's version, starting at 1 and raised by every write; the ETag "
                + "(`If-Match` of the next replace or delete).") int version,
        Instant createdAt, Instant updatedAt) {

    static JournalEntryResponse of(JournalEntry entry) {
        return new JournalEntryResponse(entry.id().value(), entry.date(), entry.title(), entry.content(),
                entry.mood() == null ? null : entry.mood().wireName(), entry.tagNames(), entry.location(),
                entry.weather(), entry.wordCount(), entry.readingTime(), entry.isPrivate(), entry.version(),
                entry.createdAt(), entry.updatedAt());
    }
}
