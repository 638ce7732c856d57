package com.mindflow.projection.readmodel;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.events.journal.AttachmentAdded;
import com.mindflow.events.journal.AttachmentRemoved;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/** {@code journal_attachments_view}: every attachment of every entry, the source of {@code journals_view.attachments}. */
@Component
class JournalAttachments {

    private final JdbcClient jdbc;

    JournalAttachments(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(AttachmentAdded a) {
        // DO NOTHING: a redelivered add must neither duplicate the row nor undo a later removal.
        insert(a, "DO NOTHING");
    }

    private void insert(AttachmentAdded a, String onConflict) {
        jdbc.sql("""
                INSERT INTO journal_attachments_view (id, journal_entry_id, user_id, file_name, file_size, mime_type,
                                                      s3_key, thumbnail_s3_key, uploaded_at)
                VALUES (:id, :entryId, :userId, :fileName, :fileSize, :mimeType, :s3Key, :thumbnail, :uploadedAt)
                ON CONFLICT (id)
                """ + onConflict)
                .param("id", a.attachmentId()).param("entryId", a.entryId()).param("userId", a.userId())
                .param("fileName", a.fileName()).param("fileSize", a.fileSize()).param("mimeType", a.mimeType())
                .param("s3Key", a.s3Key()).param("thumbnail", a.thumbnailS3Key())
                .param("uploadedAt", Timestamp.from(a.uploadedAt()))
                .update();
    }

    void remove(AttachmentRemoved r) {
        jdbc.sql("UPDATE journal_attachments_view SET removed_at = :at WHERE id = :id AND removed_at IS NULL")
                .param("id", r.attachmentId()).param("at", Timestamp.from(r.removedAt()))
                .update();
    }

    /**
     * A rebuild's list of the entry's attachments is the truth: others are marked removed, listed ones are (again)
     * present.
     */
    void restate(UUID entryId, UUID userId, int entryVersion, List<JournalEntryReplayed.ReplayedAttachment> current) {
        jdbc.sql("""
                UPDATE journal_attachments_view SET removed_at = now()
                 WHERE journal_entry_id = :entryId AND removed_at IS NULL AND NOT (id = ANY (:ids))
                """)
                .param("entryId", entryId)
                .param("ids", current.stream().map(JournalEntryReplayed.ReplayedAttachment::attachmentId)
                        .toArray(UUID[]::new))
                .update();
        for (JournalEntryReplayed.ReplayedAttachment attachment : current) {
            insert(attachment.toAdded(entryId, userId, entryVersion), "DO UPDATE SET removed_at = NULL");
        }
    }

    /** The end of a rebuild: attachments of entries the rebuild neither replayed nor saw change are gone. */
    void sweep(UUID rebuildId) {
        jdbc.sql("""
                DELETE FROM journal_attachments_view a
                 WHERE NOT EXISTS (SELECT 1 FROM rebuild_entries r
                                    WHERE r.rebuild_id = :id AND r.entry_id = a.journal_entry_id)
                """).param("id", rebuildId).update();
    }

    void removeUser(UUID userId) {
        jdbc.sql("DELETE FROM journal_attachments_view WHERE user_id = :userId").param("userId", userId).update();
    }
}
