package com.mindflow.command.journal;

import java.util.Objects;

/**
 * In-process notice (a Spring application event, not a Kafka event): an entry past its restore window is about to be
 * removed for good. Published inside the purging transaction, before the row goes, so listeners that own data hanging
 * off the entry (attachment objects in S3) can collect what they must remove after the commit.
 */
public record JournalEntryPurged(JournalEntryId entryId, AuthorId author) {

    public JournalEntryPurged {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(author, "author");
    }
}
