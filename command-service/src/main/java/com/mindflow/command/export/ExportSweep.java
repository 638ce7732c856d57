package com.mindflow.command.export;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mindflow.command.export.DataExports.Expired;
import com.mindflow.support.storage.StorageProperties;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Removes archives and their rows after the retention ({@link ExportSettings#retention()}, 7 days): the archive
 * first, then the row, so a failing S3 leaves the row for the next sweep to retry instead of an orphaned object.
 */
@Component
class ExportSweep {

    private static final Logger log = LoggerFactory.getLogger(ExportSweep.class);
    private static final int BATCH = 100;

    private final DataExports exports;
    private final S3Client s3;
    private final String bucket;
    private final Clock clock;

    ExportSweep(DataExports exports, S3Client s3, StorageProperties storage, Clock clock) {
        this.exports = exports;
        this.s3 = s3;
        this.bucket = storage.bucket();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${mindflow.export.sweep-every:10m}",
            fixedDelayString = "${mindflow.export.sweep-every:10m}")
    void run() {
        int removed = sweep();
        if (removed > 0) {
            log.info("Removed {} data exports past their retention", removed);
        }
    }

    /** Removes every export past its retention; answers how many. */
    int sweep() {
        int total = 0;
        while (true) {
            List<Expired> batch = exports.expired(clock.instant(), BATCH);
            int removed = 0;
            for (Expired expired : batch) {
                try {
                    // The archive's key, whatever the row says: a worker that lost its claim, or failed after the
                    // upload, may have left an object behind. Deleting one that is gone is no error.
                    String key = ExportWorker.archiveKey(expired.userId(), expired.id());
                    s3.deleteObject(request -> request.bucket(bucket).key(key));
                    exports.delete(expired.id());
                    removed++;
                }
                catch (RuntimeException e) {
                    log.error("Could not remove data export {}; the next sweep retries", expired.id(), e);
                }
            }
            total += removed;
            if (batch.size() < BATCH || removed == 0) {
                return total;
            }
        }
    }
}
