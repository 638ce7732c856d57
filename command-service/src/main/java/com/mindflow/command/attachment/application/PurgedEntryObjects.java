package com.mindflow.command.attachment.application;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.mindflow.command.attachment.domain.EntryAttachments;
import com.mindflow.command.attachment.storage.AttachmentObjects;
import com.mindflow.command.journal.JournalEntryPurged;

/**
 * An entry purged for good takes its files with it: once the purge has committed (the attachment rows went by
 * cascade), every object under the entry's key prefix is deleted. Listing the prefix instead of reading rows means
 * nothing has to be collected before the rows disappear, and objects of soft-removed attachments go too.
 */
@Component
class PurgedEntryObjects {

    private final AttachmentObjects objects;

    PurgedEntryObjects(AttachmentObjects objects) {
        this.objects = objects;
    }

    /** Also runs when published outside a transaction: a purge must never leave a user's files behind. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void deleteObjects(JournalEntryPurged purged) {
        objects.deleteAllUnder(EntryAttachments.prefix(purged.author(), purged.entryId()));
    }
}
