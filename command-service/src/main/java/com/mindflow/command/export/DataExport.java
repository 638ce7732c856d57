package com.mindflow.command.export;

import java.time.Instant;
import java.util.UUID;

/**
 * One export as its owner sees it.
 *
 * @param entriesTotal null until a worker has counted the journal
 * @param s3Key        where the archive is, once completed
 * @param removeAfter  when the sweep deletes the archive and this row
 */
public record DataExport(DataExportId id, UUID userId, ExportStatus status, Instant requestedAt,
        Integer entriesTotal, int entriesDone, String s3Key, Long sizeBytes, Instant completedAt, Instant removeAfter,
        String failure) {

    /** 100 only when completed: the archive is not downloadable before its upload is finished. */
    public int percent() {
        return percent(status, entriesTotal, entriesDone);
    }

    static int percent(ExportStatus status, Integer entriesTotal, int entriesDone) {
        if (status == ExportStatus.COMPLETED) {
            return 100;
        }
        if (entriesTotal == null || entriesTotal == 0) {
            return 0;
        }
        return (int) Math.min(99, 99L * entriesDone / entriesTotal);
    }

    public boolean inProgress() {
        return status == ExportStatus.QUEUED || status == ExportStatus.RUNNING;
    }
}
