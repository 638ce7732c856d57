package com.mindflow.command.attachment.persistence;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mindflow.command.attachment.domain.Attachment;
import com.mindflow.command.attachment.domain.Attachment.StoredObject;
import com.mindflow.command.attachment.domain.AttachmentId;
import com.mindflow.command.attachment.domain.AttachmentType;
import com.mindflow.command.attachment.domain.FileName;
import com.mindflow.command.journal.AuthorId;
import com.mindflow.command.journal.JournalEntryId;

/**
 * The {@code attachments} rows, read together with their entry's row where they need it (that it is the author's and
 * live). The entry's version is raised through {@link com.mindflow.command.journal.JournalEntries}, the one writer
 * of {@code journal_entries}.
 */
@Repository
public class AttachmentRecords {

    private final JdbcClient jdbc;

    AttachmentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many live attachments the author's live entry has; empty when there is no such entry. */
    public OptionalInt activeCount(AuthorId author, JournalEntryId entry) {
        return jdbc.sql("""
                SELECT count(a.id) FROM journal_entries e
                LEFT JOIN attachments a ON a.journal_entry_id = e.id AND a.deleted_at IS NULL
                WHERE e.id = :entry AND e.user_id = :author AND e.deleted_at IS NULL
                GROUP BY e.id
                """)
                .param("entry", entry.value()).param("author", author.value())
                .query(Integer.class).optional()
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** Bytes of every stored attachment of the author's (live and restorable entries alike: both keep objects). */
    public long storedBytes(AuthorId author) {
        return jdbc.sql("""
                SELECT coalesce(sum(a.file_size), 0) FROM attachments a
                JOIN journal_entries e ON e.id = a.journal_entry_id
                WHERE e.user_id = :author AND a.deleted_at IS NULL
                """).param("author", author.value()).query(Long.class).single();
    }

    /**
     * {@link #storedBytes} under the author's attachment lock, held to the end of the transaction: two uploads to
     * different entries cannot both pass the quota.
     */
    public long storedBytesLocked(AuthorId author) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('attachments:' || :author, 0))")
                .param("author", author.value().toString()).query((rs, n) -> 1).single();
        return storedBytes(author);
    }

    public void insert(Attachment attachment) {
        jdbc.sql("""
                INSERT INTO attachments (id, journal_entry_id, file_name, file_size, mime_type, s3_key, s3_url,
                                         thumbnail_s3_key, thumbnail_url, uploaded_at)
                VALUES (:id, :entry, :fileName, :size, :mimeType, :key, :url, :thumbnailKey, :thumbnailUrl,
                        :uploadedAt)
                """)
                .param("id", attachment.id().value())
                .param("entry", attachment.entryId().value())
                .param("fileName", attachment.fileName().value())
                .param("size", attachment.size())
                .param("mimeType", attachment.type().mimeType())
                .param("key", attachment.file().key())
                .param("url", attachment.file().url().toString())
                .param("thumbnailKey", attachment.thumbnail() == null ? null : attachment.thumbnail().key())
                .param("thumbnailUrl", attachment.thumbnail() == null ? null : attachment.thumbnail().url().toString())
                .param("uploadedAt", Timestamp.from(attachment.uploadedAt()))
                .update();
    }

    /** The live attachment on the author's live entry, locked until commit; empty otherwise. */
    public Optional<Attachment> findActive(AuthorId author, JournalEntryId entry, AttachmentId attachment) {
        return jdbc.sql("""
                SELECT a.id, a.file_name, a.file_size, a.mime_type, a.s3_key, a.s3_url, a.thumbnail_s3_key,
                       a.thumbnail_url, a.uploaded_at
                FROM attachments a JOIN journal_entries e ON e.id = a.journal_entry_id
                WHERE a.id = :id AND a.journal_entry_id = :entry AND a.deleted_at IS NULL
                  AND e.user_id = :author AND e.deleted_at IS NULL
                FOR UPDATE OF a
                """)
                .param("id", attachment.value()).param("entry", entry.value()).param("author", author.value())
                .query((rs, row) -> attachment(rs, entry, author))
                .optional();
    }

    public void markRemoved(Attachment attachment) {
        jdbc.sql("UPDATE attachments SET deleted_at = :at WHERE id = :id AND deleted_at IS NULL")
                .param("at", Timestamp.from(attachment.removedAt()))
                .param("id", attachment.id().value())
                .update();
    }

    private static Attachment attachment(ResultSet rs, JournalEntryId entry, AuthorId author) throws SQLException {
        String thumbnailKey = rs.getString("thumbnail_s3_key");
        String thumbnailUrl = rs.getString("thumbnail_url");
        return new Attachment(new AttachmentId(rs.getObject("id", UUID.class)), entry, author,
                new FileName(rs.getString("file_name")), rs.getLong("file_size"),
                AttachmentType.ofMimeType(rs.getString("mime_type")).orElseThrow(),
                new StoredObject(rs.getString("s3_key"), URI.create(rs.getString("s3_url"))),
                thumbnailKey == null || thumbnailUrl == null ? null
                        : new StoredObject(thumbnailKey, URI.create(thumbnailUrl)),
                rs.getTimestamp("uploaded_at").toInstant(), null);
    }
}
