package com.mindflow.command.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import com.mindflow.command.journal.JournalDraft;

/**
 * One entry of the file being imported, checked: either a draft the journal accepts, or the reason it cannot be
 * imported ({@code invalid}).
 *
 * @param key        identifies the entry in its source for the ledger (the source's id, or a hash of the row)
 * @param sourceDate the entry's date as the source gave it, for the results
 * @param notes      what was left out of an importable entry (e.g. a photo of an unsupported type); may be null
 */
record SourceEntry(String key, String sourceDate, JournalDraft draft, List<SourceAttachment> attachments,
        String invalid, String notes) {

    SourceEntry {
        Objects.requireNonNull(key, "key");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    static SourceEntry valid(String key, String sourceDate, JournalDraft draft, List<SourceAttachment> attachments,
            String notes) {
        return new SourceEntry(key, sourceDate, Objects.requireNonNull(draft, "draft"), attachments, null, notes);
    }

    static SourceEntry invalid(String key, String sourceDate, String reason) {
        return new SourceEntry(key, sourceDate, null, List.of(), Objects.requireNonNull(reason, "reason"), null);
    }

    boolean isValid() {
        return draft != null;
    }

    /**
     * A file to attach, already unpacked and checked (size, type by its bytes).
     *
     * @param sha256 hex digest of the bytes: the attachment's ledger key under its entry's
     */
    record SourceAttachment(Path file, long size, String fileName, String sha256) {

        String ledgerKey(String entryKey) {
            return entryKey + "/attachments/" + sha256;
        }
    }
}
