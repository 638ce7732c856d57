package com.mindflow.command.journal;

/** Only a deleted entry can be restored. */
public class EntryNotDeleted extends RuntimeException {

    public EntryNotDeleted(JournalEntryId entry) {
        super("Entry " + entry + " is not deleted");
    }
}
