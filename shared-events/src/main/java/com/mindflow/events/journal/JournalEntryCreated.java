package com.mindflow.events.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A journal entry was written. Carries the entry's whole state, so a projection can build its row, its search
 * document and its mood event from this alone.
 *
 * @param date               the day the entry is about; one entry per user and day
 * @param content            Markdown
 * @param mood               {@code null} when the author chose none
 * @param tags               lower-case, trimmed tag names
 * @param readingTimeSeconds estimated reading time
 * @param isPrivate          a private entry is excluded from AI processing
 * @param version            the entry's version after this change, starting at 1
 */
public record JournalEntryCreated(
        UUID entryId,
        UUID userId,
        LocalDate date,
        String title,
        String content,
        Mood mood,
        List<String> tags,
        String location,
        String weather,
        int wordCount,
        int readingTimeSeconds,
        boolean isPrivate,
        int version,
        Instant createdAt,
        Instant updatedAt) implements JournalEntrySnapshot {

    public JournalEntryCreated {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }
}
