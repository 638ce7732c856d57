package com.mindflow.command.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.command.attachment.domain.EntryAttachments;
import com.mindflow.command.export.DataExports.Claim;
import com.mindflow.command.journal.AuthorId;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.user.UserDataExportCompleted;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;
import com.mindflow.support.live.JobProgress;
import com.mindflow.support.live.JobProgressPublisher;
import com.mindflow.support.storage.StorageProperties;

import jakarta.annotation.PreDestroy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs queued exports, one at a time per instance, on a thread of its own (an export may take minutes; the shared
 * scheduler thread must stay free for the other jobs). Any number of instances may run: a claim is a row lock taken
 * with {@code SKIP LOCKED}, and a running export beats a heartbeat, so one whose instance died is claimed again after
 * {@link ExportSettings#staleAfter()}. The archive goes to S3 as it is written ({@link MultipartUpload}).
 */
@Component
class ExportWorker {

    private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

    private final DataExports exports;
    private final ArchiveWriter archive;
    private final S3Client s3;
    private final String bucket;
    private final OutboxWriter outbox;
    private final ExportSettings settings;
    private final Clock clock;
    private final JobProgressPublisher progress;
    private final TransactionTemplate tx;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate beside;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("data-export").daemon().factory());
    private final AtomicBoolean busy = new AtomicBoolean();

    ExportWorker(DataExports exports, ArchiveWriter archive, S3Client s3, StorageProperties storage,
            OutboxWriter outbox, ExportSettings settings, Clock clock, JobProgressPublisher progress,
            PlatformTransactionManager transactions) {
        this.exports = exports;
        this.archive = archive;
        this.s3 = s3;
        this.bucket = storage.bucket();
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
        this.tx = new TransactionTemplate(transactions);
        // Both passes over the journal see one snapshot, so entries.json and the files agree.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        // Heartbeats commit at once, beside the long snapshot transaction.
        this.beside = new TransactionTemplate(transactions);
        beside.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(initialDelayString = "${mindflow.export.poll-every:2s}",
            fixedDelayString = "${mindflow.export.poll-every:2s}")
    void poll() {
        if (busy.compareAndSet(false, true)) {
            thread.execute(() -> {
                try {
                    while (runNext()) {
                        // one after the other until none is waiting
                    }
                }
                catch (RuntimeException e) {
                    log.error("Data export worker failed", e);
                }
                finally {
                    busy.set(false);
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }

    /** Claims and runs one export; false when none is waiting. */
    boolean runNext() {
        Optional<Claim> claim = claim();
        claim.ifPresent(this::run);
        return claim.isPresent();
    }

    Optional<Claim> claim() {
        Instant now = clock.instant();
        Instant stale = now.minus(settings.staleAfter());
        return tx.execute(status -> {
            int abandoned = exports.giveUpAbandoned(now, stale, settings.maxAttempts());
            if (abandoned > 0) {
                log.warn("Gave up {} data exports whose workers stopped {} times", abandoned, settings.maxAttempts());
            }
            return exports.claim(now, stale, settings.maxAttempts());
        });
    }

    void run(Claim claim) {
        String key = archiveKey(claim.userId(), claim.id());
        long started = System.nanoTime();
        try (MultipartUpload upload = new MultipartUpload(s3, bucket, key, "application/zip",
                (int) settings.partSize().toBytes())) {
            Instant exportedAt = clock.instant();
            Heartbeat heartbeat = new Heartbeat(claim);
            int entries = snapshot.execute(status -> {
                try (BufferedOutputStream out = new BufferedOutputStream(upload, 64 * 1024) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the upload is finished or aborted below, not by the ZIP's close
                    }
                }) {
                    int written = archive.write(claim.userId(), claim.accountJson(), exportedAt,
                            settings.pageSize(), out, heartbeat);
                    out.flush();
                    return written;
                }
                catch (IOException e) {
                    throw new ArchiveFailed(e);
                }
            });
            heartbeat.beat(entries, entries);
            long size = upload.finish();
            Instant completedAt = clock.instant();
            boolean completed = Boolean.TRUE.equals(tx.execute(status -> {
                Instant removeAfter = completedAt.plus(settings.retention());
                if (!exports.complete(claim, key, size, entries, completedAt, removeAfter)) {
                    return false;
                }
                outbox.append(EventEnvelope.of(new UserDataExportCompleted(claim.userId(), claim.id().value(),
                        entries, size, completedAt, removeAfter), Correlation.newId()));
                return true;
            }));
            if (completed) {
                push(claim, ExportStatus.COMPLETED, entries, entries);
            }
            else if (!exports.exists(claim.id())) {
                // Erased (the account) or swept meanwhile: the archive just written must not outlive its row.
                s3.deleteObject(request -> request.bucket(bucket).key(key));
            }
            log.info("Data export {} of user {}: {} entries, {} bytes in {} ms{}", claim.id(), claim.userId(), entries,
                    size, (System.nanoTime() - started) / 1_000_000, completed ? "" : " (claim lost meanwhile)");
        }
        catch (ClaimLost lost) {
            log.warn("Data export {} was claimed by another worker; this one stopped", claim.id());
        }
        catch (RuntimeException e) {
            log.error("Data export {} of user {} failed", claim.id(), claim.userId(), e);
            // The user sees a plain reason; the log above has the cause.
            if (exports.fail(claim, "The archive could not be written; please start a new export",
                    clock.instant())) {
                push(claim, ExportStatus.FAILED, 0, 0);
            }
        }
    }

    private void push(Claim claim, ExportStatus status, int done, int total) {
        progress.publish(new JobProgress(JobProgress.EXPORT, claim.id().value(), claim.userId(), status.wire(),
                DataExport.percent(status, total, done), done, total));
    }

    /** Every archive is under its user's object prefix, so the account's erasure removes it with the rest. */
    static String archiveKey(UUID user, DataExportId export) {
        return EntryAttachments.authorPrefix(new AuthorId(user)) + "exports/" + export + ".zip";
    }

    /** Beats at most every {@link ExportSettings#heartbeat()}, and stops the export once its claim is lost. */
    private final class Heartbeat implements ArchiveWriter.Progress {

        private final Claim claim;
        private Instant last = Instant.MIN;

        Heartbeat(Claim claim) {
            this.claim = claim;
        }

        @Override
        public void entriesDone(int done, int total) {
            Instant now = clock.instant();
            if (last.equals(Instant.MIN) || !now.isBefore(last.plus(settings.heartbeat()))) {
                beat(done, total);
            }
        }

        void beat(int done, int total) {
            last = clock.instant();
            Boolean mine = beside.execute(status -> exports.heartbeat(claim, last, total, done));
            if (!Boolean.TRUE.equals(mine)) {
                throw new ClaimLost();
            }
            if (done < total || total == 0) {
                push(claim, ExportStatus.RUNNING, done, total); // the last beat is followed by "completed"
            }
        }
    }

    private static final class ClaimLost extends RuntimeException {

        ClaimLost() {
            super(null, null, false, false);
        }
    }

    private static final class ArchiveFailed extends RuntimeException {

        ArchiveFailed(IOException cause) {
            super(cause);
        }
    }
}
