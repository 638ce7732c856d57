package com.mindflow.support.live;

import java.util.Objects;
import java.util.UUID;

/**
 * How far one of a user's long-running jobs (a data export, a journal import) has come. The service running the job
 * publishes it on {@link #channel(UUID)}; query-service pushes it to that user's WebSocket sessions. The job's own
 * {@code GET} endpoint stays the truth: a notice may be missed, never wrong.
 *
 * @param type    {@link #EXPORT} or {@link #IMPORT}: also the WebSocket message's {@code type}
 * @param status  {@code queued}, {@code running}, {@code completed} or {@code failed}
 * @param done    entries done so far
 * @param total   entries in the job, 0 while unknown
 */
public record JobProgress(String type, UUID jobId, UUID userId, String status, int percent, long done, long total) {

    public static final String EXPORT = "export-progress";
    public static final String IMPORT = "import-progress";
    /** Pattern matching every user's {@link #channel(UUID)}: one subscription per query-service instance. */
    public static final String CHANNEL_PATTERN = "job-progress:user:*";

    public JobProgress {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }

    public static String channel(UUID userId) {
        return "job-progress:user:" + userId;
    }
}
