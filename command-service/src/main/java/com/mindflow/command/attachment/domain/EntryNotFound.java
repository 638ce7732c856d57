package com.mindflow.command.attachment.domain;

import com.mindflow.command.journal.JournalEntryId;

/** No live entry with this id belongs to the caller: absent, deleted, or someone else's (all look the same). */
public class EntryNotFound extends RuntimeException {

    public EntryNotFound(JournalEntryId entry) {
        super("No journal entry " + entry);
    }
}
