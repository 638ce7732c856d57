package com.mindflow.command.journal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.mindflow.command.journal.JournalEntry;

/** An entry as the author sees it right after a write; {@code version} is also the ETag. */
record JournalEntryResponse(UUID id, LocalDate date, String title, String content, String mood, List<String> tags,
        String location, String weather, int wordCount, int readingTime, boolean isPrivate, int version,
        Instant createdAt, Instant updatedAt) {

    static JournalEntryResponse of(JournalEntry entry) {
        return new JournalEntryResponse(entry.id().value(), entry.date(), entry.title(), entry.content(),
                entry.mood() == null ? null : entry.mood().wireName(), entry.tagNames(), entry.location(),
                entry.weather(), entry.wordCount(), entry.readingTime(), entry.isPrivate(), entry.version(),
                entry.createdAt(), entry.updatedAt());
    }
}
