package com.mindflow.command.attachment.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntryId;

/**
 * A file attached to a journal entry: what the row records about the object in S3. Created only once the objects
 * are stored; removal is a soft delete (the row stays for the history, the objects go).
 *
 * @param thumbnail {@code null} for PDFs and for images no thumbnail could be made of
 */
public record Attachment(AttachmentId id, JournalEntryId entryId, AuthorId author, FileName fileName, long size,
        AttachmentType type, StoredObject file, StoredObject thumbnail, Instant uploadedAt, Instant removedAt) {

    public static final long MAX_SIZE = 52_428_800L;

    public Attachment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        checkSize(size);
    }

    /** The attachment of a file just stored in S3. */
    public static Attachment uploaded(AttachmentId id, JournalEntryId entryId, AuthorId author, FileName fileName,
            long size, AttachmentType type, StoredObject file, StoredObject thumbnail, Instant at) {
        return new Attachment(id, entryId, author, fileName, size, type, file, thumbnail, at, null);
    }

    /** Refuses what the seed's {@code check_file_size} would, before anything is stored. */
    public static void checkSize(long size) {
        if (size <= 0) {
            throw new AttachmentRefused(AttachmentRefused.Reason.EMPTY, "The file is empty");
        }
        if (size > MAX_SIZE) {
            throw new AttachmentRefused(AttachmentRefused.Reason.TOO_LARGE,
                    "The file is larger than " + MAX_SIZE + " bytes (50 MB)");
        }
    }

    public Attachment remove(Instant at) {
        if (removedAt != null) {
            throw new IllegalStateException("Attachment " + id + " is already removed");
        }
        return new Attachment(id, entryId, author, fileName, size, type, file, thumbnail, uploadedAt, at);
    }

    /** Where an object lives: its key in the bucket and the canonical (not public) URL of that key. */
    public record StoredObject(String key, URI url) {

        public StoredObject {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(url, "url");
        }
    }
}
