package com.mindflow.events.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * The events that carry an entry's whole state ({@link JournalEntryCreated}, {@link JournalEntryUpdated},
 * {@link JournalEntryRestored}): a projection can upsert from any of them the same way.
 */
public interface JournalEntrySnapshot extends MindFlowEvent {

    UUID entryId();

    LocalDate date();

    String title();

    String content();

    Mood mood();

    List<String> tags();

    String location();

    String weather();

    int wordCount();

    int readingTimeSeconds();

    boolean isPrivate();

    int version();

    Instant createdAt();

    Instant updatedAt();
}
