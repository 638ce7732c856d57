package com.mindflow.query.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One journal entry with its tags and attachments, each attachment with fresh presigned download links, and the
 * AI's analysis of it.
 */
public record JournalEntryDetail(UUID id, LocalDate date, String title, String content, String mood,
        List<String> tags, String location, String weather, int wordCount, int readingTime, boolean isPrivate,
        List<AttachmentView> attachments, long version, Instant createdAt, Instant updatedAt, EntryAnalysis analysis) {
}
