package com.mindflow.events.journal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * A file was attached to a journal entry and stored in S3. URLs are not part of the event: readers derive them
 * from the keys (they may be presigned and expire).
 *
 * @param fileSize       bytes
 * @param mimeType       e.g. {@code image/png}
 * @param s3Key          object key in the attachments bucket
 * @param thumbnailS3Key {@code null} for files without a thumbnail (e.g. PDFs)
 * @param entryVersion   the entry's version after the attachment was added
 */
public record AttachmentAdded(
        UUID attachmentId,
        UUID entryId,
        UUID userId,
        String fileName,
        long fileSize,
        String mimeType,
        String s3Key,
        String thumbnailS3Key,
        Instant uploadedAt,
        int entryVersion) implements MindFlowEvent {

    public AttachmentAdded {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(s3Key, "s3Key");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return uploadedAt;
    }
}
