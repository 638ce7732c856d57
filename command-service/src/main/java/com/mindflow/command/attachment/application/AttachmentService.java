package com.mindflow.command.attachment.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.command.attachment.domain.Attachment;
import com.mindflow.command.attachment.domain.Attachment.StoredObject;
import com.mindflow.command.attachment.domain.AttachmentId;
import com.mindflow.command.attachment.domain.AttachmentNotFound;
import com.mindflow.command.attachment.domain.AttachmentRefused;
import com.mindflow.command.attachment.domain.AttachmentType;
import com.mindflow.command.attachment.domain.EntryAttachments;
import com.mindflow.command.attachment.domain.EntryNotFound;
import com.mindflow.command.attachment.domain.FileName;
import com.mindflow.command.attachment.image.Thumbnails;
import com.mindflow.command.attachment.persistence.AttachmentRecords;
import com.mindflow.command.attachment.storage.AttachmentObjects;
import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntries;
import com.mindflow.command.journal.JournalEntryId;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.journal.AttachmentAdded;
import com.mindflow.events.journal.AttachmentRemoved;
import com.mindflow.outbox.OutboxWriter;
import com.mindflow.support.correlation.Correlation;

/**
 * Attaches files to entries and removes them. S3 and PostgreSQL share no transaction, so the order is fixed: objects
 * are uploaded first, then one database transaction records the row, bumps the entry's version and writes the event;
 * if that transaction does not commit, the objects just uploaded are deleted again. Removal is the mirror image:
 * commit first, then delete the objects. Either way no row ever points at a missing object, and an object without
 * a row only survives if S3 itself fails during the clean-up (logged).
 */
@Service
public class AttachmentService {

    private final AttachmentRecords records;
    private final JournalEntries entries;
    private final AttachmentObjects objects;
    private final Thumbnails thumbnails;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AttachmentSettings settings;

    AttachmentService(AttachmentRecords records, JournalEntries entries, AttachmentObjects objects,
            Thumbnails thumbnails, OutboxWriter outbox, PlatformTransactionManager transactionManager, Clock clock,
            AttachmentSettings settings) {
        this.settings = settings;
        this.records = records;
        this.entries = entries;
        this.objects = objects;
        this.thumbnails = thumbnails;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** @param verifiedAccount whether the author has verified their email address (it decides the quota) */
    public AddedAttachment attach(AuthorId author, boolean verifiedAccount, JournalEntryId entry, Upload upload) {
        long quotaBytes = settings.quotaBytes(verifiedAccount);
        requireNoTransaction();
        // Every refusal that needs no upload comes first: a foreign or full entry never gets an object in S3.
        Attachment.checkSize(upload.size());
        int active = records.activeCount(author, entry).orElseThrow(() -> new EntryNotFound(entry));
        EntryAttachments.checkRoomForOneMore(active);
        EntryAttachments.checkQuota(records.storedBytes(author), upload.size(), quotaBytes);
        AttachmentType type = sniff(upload.file());
        FileName fileName = FileName.sanitize(upload.originalName());
        AttachmentId id = AttachmentId.random();

        Optional<Path> thumbnailFile = type.isImage() ? thumbnails.of(upload.file()) : Optional.empty();
        List<String> uploaded = new ArrayList<>(2);
        try {
            String key = EntryAttachments.fileKey(author, entry, id);
            uploaded.add(key);
            StoredObject file = objects.put(key, upload.file(), upload.size(), type.mimeType());
            StoredObject thumbnail = null;
            if (thumbnailFile.isPresent()) {
                String thumbnailKey = EntryAttachments.thumbnailKey(author, entry, id);
                uploaded.add(thumbnailKey);
                thumbnail = objects.put(thumbnailKey, thumbnailFile.get(), Files.size(thumbnailFile.get()),
                        AttachmentType.JPEG.mimeType());
            }
            Attachment attachment = Attachment.uploaded(id, entry, author, fileName, upload.size(), type, file,
                    thumbnail, clock.instant());
            return transaction.execute(status -> record(attachment, quotaBytes));
        }
        catch (IOException e) {
            objects.deleteQuietly(uploaded);
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException | Error e) {
            // Rolled back, failed to commit, or the upload itself failed: nothing may point at these objects.
            objects.deleteQuietly(uploaded);
            throw e;
        }
        finally {
            thumbnailFile.ifPresent(AttachmentService::deleteTemporary);
        }
    }

    public void remove(AuthorId author, JournalEntryId entry, AttachmentId id) {
        requireNoTransaction();
        Attachment removed = transaction.execute(status -> {
            Attachment attachment = records.findActive(author, entry, id)
                    .orElseThrow(() -> new AttachmentNotFound(id));
            int version = entries.bumpVersion(author, entry).orElseThrow(() -> new EntryNotFound(entry));
            Attachment gone = attachment.remove(clock.instant());
            records.markRemoved(gone);
            outbox.append(EventEnvelope.of(new AttachmentRemoved(id.value(), entry.value(), author.value(),
                    gone.removedAt(), version), correlationId()));
            return gone;
        });
        // After the commit: a removal that rolled back keeps its objects. There is no undo for a removed
        // attachment, so the bytes are not kept (the soft-deleted row stays for the history).
        List<String> keys = new ArrayList<>(2);
        keys.add(removed.file().key());
        if (removed.thumbnail() != null) {
            keys.add(removed.thumbnail().key());
        }
        objects.deleteQuietly(keys);
    }

    private AddedAttachment record(Attachment attachment, long quotaBytes) {
        int version = entries.bumpVersion(attachment.author(), attachment.entryId())
                .orElseThrow(() -> new EntryNotFound(attachment.entryId()));
        // Counted again under the entry's row lock: two uploads racing for the last place cannot both win.
        int active = records.activeCount(attachment.author(), attachment.entryId()).orElseThrow();
        EntryAttachments.checkRoomForOneMore(active);
        EntryAttachments.checkQuota(records.storedBytesLocked(attachment.author()), attachment.size(), quotaBytes);
        records.insert(attachment);
        outbox.append(EventEnvelope.of(added(attachment, version), correlationId()));
        return new AddedAttachment(attachment, version);
    }

    private static AttachmentAdded added(Attachment attachment, int entryVersion) {
        return new AttachmentAdded(attachment.id().value(), attachment.entryId().value(),
                attachment.author().value(), attachment.fileName().value(), attachment.size(),
                attachment.type().mimeType(), attachment.file().key(),
                attachment.thumbnail() == null ? null : attachment.thumbnail().key(), attachment.uploadedAt(),
                entryVersion);
    }

    private static AttachmentType sniff(Path file) {
        byte[] head = new byte[AttachmentType.SIGNATURE_LENGTH];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AttachmentType.sniff(head, read).orElseThrow(() -> new AttachmentRefused(
                AttachmentRefused.Reason.UNSUPPORTED_TYPE, "Only JPEG, PNG, GIF, WebP and PDF files can be attached"));
    }

    /**
     * The object clean-up relies on this method owning the transaction: inside a caller's transaction a failure at
     * the caller's commit would leave the uploaded objects behind.
     */
    private static void requireNoTransaction() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Attachments are written in their own transaction");
        }
    }

    private static String correlationId() {
        String current = Correlation.current();
        return current != null ? current : Correlation.newId();
    }

    private static void deleteTemporary(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            // The temp directory is cleaned on restart; not worth failing an upload for.
        }
    }
}
