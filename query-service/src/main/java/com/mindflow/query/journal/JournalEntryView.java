package com.mindflow.query.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A journal entry as clients read it, from {@code journals_view}. {@code version} is the write-side version. */
public record JournalEntryView(UUID id, LocalDate date, String title, String content, String mood, List<String> tags,
        String location, String weather, int wordCount, int readingTime, boolean isPrivate, long version,
        Instant createdAt, Instant updatedAt) {
}
