package com.mindflow.command.imports;

import java.time.Instant;
import java.util.UUID;

/**
 * An import as its owner sees it: {@code GET /api/me/imports/{id}}.
 *
 * @param percent entries handled of all entries in the file, 0-100
 */
public record ImportStatus(UUID id, String format, String status, int percent, int total, int processed,
        Counts counts, String error, Instant createdAt, Instant startedAt, Instant finishedAt, String results) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** How many entries ended how. */
    public record Counts(int imported, int duplicates, int conflicts, int failed) {
    }
}
