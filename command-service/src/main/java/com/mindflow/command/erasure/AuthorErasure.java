package com.mindflow.command.erasure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.command.attachment.domain.EntryAttachments;
import com.mindflow.command.attachment.storage.AttachmentObjects;
import com.mindflow.command.export.DataExports;
import com.mindflow.command.idempotency.IdempotencyKeys;
import com.mindflow.command.imports.ImportStore;
import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntries;
import com.mindflow.command.streak.Streaks;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.user.UserDeleted;

/**
 * Erases what command-service holds of a user when auth-service has erased the account. The account's row usually
 * took the journal rows with it already (foreign-key cascades); the deletes here keep the erasure complete whatever
 * the cascades do, and the objects in S3 are only reachable this way. Idempotent: every step deletes what is still
 * there, so a redelivery, or a retry after S3 failed, does no harm.
 */
@Component
class AuthorErasure {

    static final String GROUP = "command-erasure";

    private static final Logger log = LoggerFactory.getLogger(AuthorErasure.class);

    private final JournalEntries entries;
    private final Streaks streaks;
    private final IdempotencyKeys idempotencyKeys;
    private final AttachmentObjects objects;
    private final DataExports exports;
    private final ImportStore imports;
    private final TransactionTemplate tx;
    private final EventCodec codec = new EventCodec();

    AuthorErasure(JournalEntries entries, Streaks streaks, IdempotencyKeys idempotencyKeys,
            AttachmentObjects objects, DataExports exports, ImportStore imports, TransactionTemplate tx) {
        this.entries = entries;
        this.streaks = streaks;
        this.idempotencyKeys = idempotencyKeys;
        this.objects = objects;
        this.exports = exports;
        this.imports = imports;
        this.tx = tx;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.USERS)
    void on(String json) {
        EventEnvelope<?> envelope;
        try {
            envelope = codec.read(json);
        }
        catch (RuntimeException unknown) {
            // Another service's event this build cannot read concerns no erasure.
            log.debug("Skipping an unreadable user event: {}", unknown.toString());
            return;
        }
        if (envelope.payload() instanceof UserDeleted deleted) {
            erase(new AuthorId(deleted.userId()));
        }
    }

    void erase(AuthorId author) {
        // Objects first: if S3 fails, the listener's retries come back here with the rows' deletes still to do.
        // The prefix holds the attachments and the data export archives alike.
        objects.eraseAllUnder(EntryAttachments.authorPrefix(author));
        tx.executeWithoutResult(status -> {
            entries.eraseAuthor(author);
            streaks.erase(author.value());
            idempotencyKeys.erase(author.value());
            // With the account snapshot each export row holds (profile, settings, consent history).
            exports.eraseUser(author.value());
            imports.erase(author);
        });
        int tags = entries.deleteUnusedTags();
        log.info("Erased the journal of user {} ({} unused tags deleted)", author, tags);
    }
}
