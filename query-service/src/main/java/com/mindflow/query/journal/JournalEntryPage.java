package com.mindflow.query.journal;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of entries, newest first. {@code nextBefore} is the keyset cursor for the following page (one entry per
 * user and day makes the date a unique, stable cursor); {@code null} on the last page.
 */
@Schema(description = "A page of the user's journal entries, newest first.")
public record JournalEntryPage(List<JournalEntryView> items,
        @Schema(description = "The cursor of the next page: pass it as `before` (an ISO-8601 date); null on the last "
                + "page.") LocalDate nextBefore) {
}
