package com.mindflow.command.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.Journal;
import com.mindflow.support.correlation.Correlation;

import jakarta.annotation.PreDestroy;

/**
 * Starts imports: reads and checks the whole file while the client waits (so a bad file is answered with what is
 * wrong, and nothing has been written), then hands the checked entries to {@link ImportWriter} on a worker thread.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    /** Imports of different users run side by side, two at a time; more wait their turn (queued). */
    private static final int WORKERS = 2;
    /** Each waiting import holds its checked entries in the heap: few may wait (a full queue answers 429). */
    private static final int WAITING = 8;

    private final ImportStore store;
    private final ImportWriter writer;
    private final Journal journal;
    private final ImportSettings settings;
    private final Clock clock;
    private final ExecutorService workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(WAITING), Thread.ofPlatform().name("journal-import-", 0).factory());

    ImportService(ImportStore store, ImportWriter writer, Journal journal, ImportSettings settings, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
    }

    /** Who imports: the entries are theirs, dated in their zone, attachments counted against their quota. */
    public record Importer(AuthorId author, ZoneId zone, boolean verifiedAccount) {
    }

    /**
     * Checks {@code upload} and queues its import. The upload is the caller's temporary file: it is read here and
     * no longer needed when this returns (an archive's files are unpacked into a directory the import deletes).
     */
    public ImportId start(Importer importer, Path upload, Optional<ImportFormat> requested) {
        store.failAbandoned(importer.author(), clock.instant().minus(settings.abandonedAfter()), clock.instant());
        if (store.hasActive(importer.author())) {
            throw new ImportBusy(); // before the work of reading the file
        }
        SourceFile file = read(upload, requested, new EntryRules(journal.latestDay(importer.zone())));
        ImportId id = ImportId.random();
        try {
            store.create(id, importer.author(), file.format(), file.entries().size(), clock.instant());
        }
        catch (RuntimeException e) {
            file.close();
            throw e;
        }
        String correlation = Correlation.current() != null ? Correlation.current() : Correlation.newId();
        try {
            workers.execute(() -> writer.write(id, importer, file, correlation));
        }
        catch (RejectedExecutionException full) {
            file.close();
            store.finish(id, ImportStatus.FAILED, "The service had too many imports waiting", clock.instant());
            throw new ImportBusy();
        }
        return id;
    }

    SourceFile read(Path upload, Optional<ImportFormat> requested, EntryRules rules) {
        boolean zip = SafeArchive.looksLikeZip(upload);
        if (!zip) {
            if (requested.isPresent() && requested.get() != ImportFormat.DAYLIO) {
                throw unsupported("A " + requested.get().wireName() + " import is a ZIP archive; this file is not one");
            }
            if (!DaylioCsv.matches(upload)) {
                throw unsupported(requested.isPresent()
                        ? "A Daylio export is a CSV file starting with the header full_date,date,weekday,time,mood,..."
                        : "Not a MindFlow export archive, Day One JSON export (ZIP) or Daylio CSV export");
            }
            return new SourceFile(ImportFormat.DAYLIO, onePerKey(DaylioCsv.read(upload, rules, settings)), null);
        }
        if (requested.isPresent() && requested.get() == ImportFormat.DAYLIO) {
            throw unsupported("A Daylio import is a CSV file; this file is a ZIP archive");
        }
        SafeArchive archive = SafeArchive.unpack(upload, settings);
        try {
            ImportFormat format = requested.orElseGet(() -> detect(archive));
            List<SourceEntry> entries = switch (format) {
                case MINDFLOW -> MindflowArchive.read(archive, rules, settings);
                case DAYONE -> DayOneExport.read(archive, rules, settings);
                case DAYLIO -> throw new IllegalStateException("a ZIP is never Daylio");
            };
            return new SourceFile(format, onePerKey(entries), archive);
        }
        catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    /**
     * A key names one entry of the file: a repeated one (two entries with one id) would be taken for a duplicate of
     * the first, its attachments put on the first's entry. The repetition is reported instead.
     */
    static List<SourceEntry> onePerKey(List<SourceEntry> entries) {
        Set<String> seen = new HashSet<>();
        return entries.stream().map(entry -> seen.add(entry.key()) ? entry
                : SourceEntry.invalid(entry.key(), entry.sourceDate(),
                        "id: appears more than once in the file; only its first entry is imported"))
                .toList();
    }

    private static ImportFormat detect(SafeArchive archive) {
        if (archive.files().containsKey(MindflowArchive.ENTRIES)) {
            return ImportFormat.MINDFLOW;
        }
        if (DayOneExport.matches(archive)) {
            return ImportFormat.DAYONE;
        }
        throw unsupported("A ZIP archive, but neither a MindFlow export (entries.json) nor a Day One JSON export "
                + "(Journal.json)");
    }

    private static ImportRefused unsupported(String message) {
        return new ImportRefused(ImportRefused.Reason.UNSUPPORTED_TYPE, ImportController.FILE_PART, message);
    }

    Optional<ImportStatus> status(AuthorId author, ImportId id) {
        return store.find(author, id);
    }

    Optional<List<ImportResult>> results(AuthorId author, ImportId id) {
        return store.find(author, id).map(found -> store.results(id));
    }

    int retryAfterSeconds() {
        return settings.retryAfterSeconds();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            log.debug("Could not delete {}: {}", file, e.toString());
        }
    }
}
