package com.mindflow.command.imports;

import java.util.UUID;

/**
 * What happened to one entry of the file.
 *
 * @param outcome imported, duplicate (imported before: nothing added), conflict (the day had an entry already: not
 *                overwritten) or invalid (the entry breaks a rule; {@code reason} says which)
 * @param entryId the journal entry written, or the one imported earlier for a duplicate
 * @param reason  why it was not imported, or what was left out of an imported entry; may be null
 */
public record ImportResult(int position, String sourceKey, String sourceDate, String outcome, UUID entryId,
        String reason) {

    public static final String IMPORTED = "imported";
    public static final String DUPLICATE = "duplicate";
    public static final String CONFLICT = "conflict";
    public static final String INVALID = "invalid";
}
