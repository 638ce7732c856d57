package com.mindflow.query.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A journal entry in a list, from {@code journals_view}. {@code version} is the write-side version. Attachments are
 * only counted here: their download links expire, so they belong to the single-entry read, not to a cached page.
 */
public record JournalEntryView(UUID id, LocalDate date, String title, String content, String mood, List<String> tags,
        String location, String weather, int wordCount, int readingTime, boolean isPrivate, long attachmentCount,
        long version, Instant createdAt, Instant updatedAt) {
}
