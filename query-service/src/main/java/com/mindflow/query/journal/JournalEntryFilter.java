package com.mindflow.query.journal;

import java.time.LocalDate;

/** What a list request narrows the user's entries to; every part is optional. */
public record JournalEntryFilter(String mood, String tag, LocalDate from, LocalDate to, LocalDate before, int limit) {
}
