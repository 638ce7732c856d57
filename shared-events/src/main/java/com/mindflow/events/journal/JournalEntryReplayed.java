package com.mindflow.events.journal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An entry's whole current state, published for a rebuild on {@link com.mindflow.events.Topics#REPLAY} (never on the
 * live topic). A soft-deleted entry that can still be restored is replayed too, with {@code deletedAt}, so a sink
 * keeps its attachments for the restore.
 *
 * @param deletedAt   {@code null} for a live entry
 * @param attachments the entry's current attachments, oldest first
 * @param version     the entry's current version; a sink never lets it overwrite a newer state
 */
public record JournalEntryReplayed(
        UUID entryId,
        UUID userId,
        LocalDate date,
        String title,
        String content,
        Mood mood,
        List<String> tags,
        String location,
        String weather,
        int wordCount,
        int readingTimeSeconds,
        boolean isPrivate,
        int version,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        List<ReplayedAttachment> attachments) implements JournalEntrySnapshot {

    public JournalEntryReplayed {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        tags = tags == null ? List.of() : List.copyOf(tags);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return updatedAt;
    }

    /** One attachment as {@link AttachmentAdded} announced it. */
    public record ReplayedAttachment(UUID attachmentId, String fileName, long fileSize, String mimeType, String s3Key,
            String thumbnailS3Key, Instant uploadedAt) {

        public ReplayedAttachment {
            Objects.requireNonNull(attachmentId, "attachmentId");
            Objects.requireNonNull(s3Key, "s3Key");
            Objects.requireNonNull(uploadedAt, "uploadedAt");
        }

        /** The attachment as the live event that added it, for sinks that already apply those. */
        public AttachmentAdded toAdded(UUID entryId, UUID userId, int entryVersion) {
            return new AttachmentAdded(attachmentId, entryId, userId, fileName, fileSize, mimeType, s3Key,
                    thumbnailS3Key, uploadedAt, entryVersion);
        }
    }
}
