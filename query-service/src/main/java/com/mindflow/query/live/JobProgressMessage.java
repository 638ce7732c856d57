package com.mindflow.query.live;

import java.util.UUID;

import com.mindflow.support.live.JobProgress;

/**
 * What a device receives on /ws while one of its user's data exports ({@code export-progress}) or journal imports
 * ({@code import-progress}) runs; {@code id} is the export's or import's, as in its Location.
 */
record JobProgressMessage(String type, UUID id, String status, int percent, long done, long total) {

    static JobProgressMessage of(JobProgress progress) {
        return new JobProgressMessage(progress.type(), progress.jobId(), progress.status(), progress.percent(),
                progress.done(), progress.total());
    }
}
