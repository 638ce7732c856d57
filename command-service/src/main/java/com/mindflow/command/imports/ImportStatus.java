package com.mindflow.command.imports;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An import as its owner sees it: {@code GET /api/me/imports/{id}}.
 *
 * @param percent entries handled of all entries in the file, 0-100
 */
@Schema(description = "A journal import's progress: how far it is and how many entries ended how.")
public record ImportStatus(UUID id,
        @Schema(description = "The file's format: `mindflow`, `dayone` or `daylio`.")
        String format,
        @Schema(description = "Where the import is: `queued`, `running`, `completed` or `failed`.")
        String status,
        @Schema(description = "Entries handled of all entries in the file, 0-100.") int percent,
        @Schema(description = "Entries in the file.") int total,
        @Schema(description = "Entries handled so far.") int processed,
        Counts counts,
        @Schema(description = "Why the import failed; null unless `status` is `failed`.") String error,
        Instant createdAt, Instant startedAt, Instant finishedAt,
        @Schema(description = "The path of the per-entry results download.") String results) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** How many entries ended how. */
    @Schema(description = "How many entries of an import ended how.")
    public record Counts(@Schema(description = "Entries written to the journal.") int imported,
            @Schema(description = "Entries imported before: nothing added.") int duplicates,
            @Schema(description = "Entries for a day that had an entry already: not overwritten.") int conflicts,
            @Schema(description = "Entries that break a rule: not imported.") int failed) {
    }
}
