package com.mindflow.command.journal;

import java.time.Instant;

/** The entry was deleted longer ago than the retention window: it is (or is about to be) gone for good. */
public class RestoreWindowPassed extends RuntimeException {

    public RestoreWindowPassed(JournalEntryId entry, Instant closedAt) {
        super("Entry " + entry + " could be restored until " + closedAt);
    }
}
