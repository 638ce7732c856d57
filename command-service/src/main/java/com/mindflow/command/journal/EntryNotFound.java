package com.mindflow.command.journal;

/** No such entry for this author: unknown ids and other authors' entries look the same, so ids reveal nothing. */
public class EntryNotFound extends RuntimeException {

    public EntryNotFound(JournalEntryId entry) {
        super("No journal entry " + entry);
    }
}
