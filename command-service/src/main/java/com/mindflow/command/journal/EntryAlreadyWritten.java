package com.mindflow.command.journal;

import java.time.LocalDate;

/** One entry per day: the author already wrote the entry for this date. */
public class EntryAlreadyWritten extends RuntimeException {

    private final JournalEntryId existing;

    public EntryAlreadyWritten(JournalEntryId existing, LocalDate date) {
        super("An entry for " + date + " already exists");
        this.existing = existing;
    }

    public JournalEntryId existing() {
        return existing;
    }
}
