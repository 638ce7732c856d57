package com.mindflow.command.imports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.command.attachment.application.AttachmentService;
import com.mindflow.command.attachment.application.Upload;
import com.mindflow.command.attachment.domain.AttachmentRefused;
import com.mindflow.command.attachment.domain.EntryNotFound;
import com.mindflow.command.imports.SourceEntry.SourceAttachment;
import com.mindflow.command.journal.JournalEntry;
import com.mindflow.command.journal.JournalEntryId;
import com.mindflow.command.journal.Journal;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;
import com.mindflow.support.live.JobProgress;
import com.mindflow.support.live.JobProgressPublisher;

/**
 * Writes a checked file's entries. Per batch ({@code mindflow.imports.batch-size}) one transaction holds the entries
 * (through {@link Journal}: the aggregate's rules, tags, the streak and the outbox events of any write), their
 * results, the counts and the ledger rows. Attachments follow the batch's commit, each through
 * {@link AttachmentService} (the upload's own checks, thumbnail and transaction), each remembered in the ledger once
 * stored.
 *
 * <p>So every entry is all-or-nothing with its ledger row, and a failed import resumes on a retry of the same file:
 * entries in the ledger are duplicates, and their attachments not yet in the ledger are attached then.
 */
@Component
class ImportWriter {

    private static final Logger log = LoggerFactory.getLogger(ImportWriter.class);

    private final Journal journal;
    private final AttachmentService attachments;
    private final ImportStore store;
    private final TransactionTemplate tx;
    private final ImportSettings settings;
    private final Clock clock;
    private final JobProgressPublisher progress;

    ImportWriter(Journal journal, AttachmentService attachments, ImportStore store, TransactionTemplate tx,
            ImportSettings settings, Clock clock, JobProgressPublisher progress) {
        this.journal = journal;
        this.attachments = attachments;
        this.store = store;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    void write(ImportId id, ImportService.Importer importer, SourceFile file, String correlation) {
        MDC.put(Correlation.MDC_REQUEST_ID, correlation);
        long started = System.nanoTime();
        try (file) {
            if (!store.start(id, clock.instant())) {
                log.warn("Import {} was given up while it waited for a worker; not started", id);
                return;
            }
            List<SourceEntry> entries = file.entries();
            for (int from = 0; from < entries.size(); from += settings.batchSize()) {
                int to = Math.min(entries.size(), from + settings.batchSize());
                int offset = from;
                // Marked bulk: the AI's costly per-entry work takes these behind every live entry.
                List<Written> written = OutboxWriter.bulk(() -> tx.execute(status -> batch(id, importer,
                        file.format(), entries.subList(offset, to), offset)));
                attach(id, importer, file.format(), written);
                push(id, importer);
            }
            store.finish(id, ImportStatus.COMPLETED, null, clock.instant());
            push(id, importer);
            log.info("Import {} of {} {} entries finished in {} ms", id, entries.size(), file.format().wireName(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        catch (RuntimeException e) {
            log.warn("Import {} failed", id, e);
            store.finish(id, ImportStatus.FAILED, "The import stopped: " + e.getClass().getSimpleName()
                    + ". Entries imported so far stay; import the same file again to resume.", clock.instant());
            push(id, importer);
        }
        finally {
            MDC.remove(Correlation.MDC_REQUEST_ID);
        }
    }

    /** The stored status, as GET shows it, to the user's open WebSocket sessions. */
    private void push(ImportId id, ImportService.Importer importer) {
        try {
            store.find(importer.author(), id).ifPresent(status -> progress.publish(new JobProgress(JobProgress.IMPORT,
                    id.value(), importer.author().value(), status.status(), status.percent(), status.processed(),
                    status.total())));
        }
        catch (RuntimeException e) {
            log.debug("Could not read import {} to push its progress", id, e);
        }
    }

    /** An entry written (or found in the ledger) whose attachments are still to store. */
    private record Written(int position, SourceEntry source, UUID entryId, boolean duplicate) {
    }

    private List<Written> batch(ImportId id, ImportService.Importer importer, ImportFormat format,
            List<SourceEntry> batch, int offset) {
        Map<String, UUID> ledger = store.ledger(importer.author(), format,
                batch.stream().map(SourceEntry::key).toList());
        List<ImportResult> results = new ArrayList<>(batch.size());
        List<Written> written = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            SourceEntry entry = batch.get(i);
            int position = offset + i;
            if (!entry.isValid()) {
                results.add(result(position, entry, ImportResult.INVALID, null, entry.invalid()));
                continue;
            }
            UUID earlier = ledger.get(entry.key());
            if (earlier != null) {
                results.add(result(position, entry, ImportResult.DUPLICATE, earlier, "imported before"));
                written.add(new Written(position, entry, earlier, true));
                continue;
            }
            Optional<JournalEntry> created = journal.writeUnlessDayTaken(importer.author(), importer.zone(),
                    entry.draft());
            if (created.isEmpty()) {
                results.add(result(position, entry, ImportResult.CONFLICT, null,
                        entry.draft().date() + " has an entry already; it was not overwritten"));
                continue;
            }
            UUID entryId = created.get().id().value();
            store.remember(importer.author(), format, entry.key(), entryId, id);
            ledger.put(entry.key(), entryId);
            results.add(result(position, entry, ImportResult.IMPORTED, entryId, entry.notes()));
            written.add(new Written(position, entry, entryId, false));
        }
        store.record(id, results);
        return written;
    }

    private void attach(ImportId id, ImportService.Importer importer, ImportFormat format, List<Written> written) {
        for (Written entry : written) {
            List<SourceAttachment> files = entry.source().attachments();
            if (files.isEmpty()) {
                continue;
            }
            Map<String, UUID> done = entry.duplicate()
                    ? store.ledger(importer.author(), format,
                            files.stream().map(file -> file.ledgerKey(entry.source().key())).toList())
                    : Map.of();
            for (SourceAttachment file : files) {
                String key = file.ledgerKey(entry.source().key());
                if (done.containsKey(key)) {
                    continue;
                }
                try {
                    attachments.attach(importer.author(), importer.verifiedAccount(),
                            new JournalEntryId(entry.entryId()), new Upload(file.file(), file.size(), file.fileName()));
                    store.remember(importer.author(), format, key, entry.entryId(), id);
                }
                catch (AttachmentRefused refused) {
                    store.appendReason(id, entry.position(), file.fileName() + " not attached: "
                            + refused.getMessage());
                }
                catch (EntryNotFound deletedSince) {
                    // The entry imported earlier was deleted meanwhile: its attachments have nowhere to go.
                    break;
                }
            }
            store.touch(id);
        }
    }

    private static ImportResult result(int position, SourceEntry entry, String outcome, UUID entryId,
            String reason) {
        return new ImportResult(position, entry.key(), entry.sourceDate(), outcome, entryId, reason);
    }
}
