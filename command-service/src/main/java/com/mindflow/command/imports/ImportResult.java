package com.mindflow.command.imports;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What happened to one entry of the file.
 *
 * @param outcome imported, duplicate (imported before: nothing added), conflict (the day had an entry already: not
 *                overwritten) or invalid (the entry breaks a rule; {@code reason} says which)
 * @param entryId the journal entry written, or the one imported earlier for a duplicate
 * @param reason  why it was not imported, or what was left out of an imported entry; may be null
 */
@Schema(description = "What an import did with one entry of the file.")
public record ImportResult(@Schema(description = "The entry's position in the file.") int position,
        @Schema(description = "The entry's id or key in the source app's file.") String sourceKey,
        @Schema(description = "The entry's date as the file gives it.") String sourceDate,
        @Schema(description = "`imported`; `duplicate` (imported before: nothing added); `conflict` (the day had an "
                + "entry already: not overwritten); `invalid` (the entry breaks a rule, `reason` says which).")
        String outcome,
        @Schema(description = "The journal entry written, or the one imported earlier for a duplicate.") UUID entryId,
        @Schema(description = "Why the entry was not imported, or what was left out of it; may be null.")
        String reason) {

    public static final String IMPORTED = "imported";
    public static final String DUPLICATE = "duplicate";
    public static final String CONFLICT = "conflict";
    public static final String INVALID = "invalid";
}
