package com.mindflow.query.journal;

import java.time.LocalDate;
import java.util.List;

/**
 * One page of entries, newest first. {@code nextBefore} is the keyset cursor for the following page (one entry per
 * user and day makes the date a unique, stable cursor); {@code null} on the last page.
 */
public record JournalEntryPage(List<JournalEntryView> items, LocalDate nextBefore) {
}
