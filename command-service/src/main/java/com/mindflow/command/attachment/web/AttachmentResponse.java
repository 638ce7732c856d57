package com.mindflow.command.attachment.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import com.mindflow.command.attachment.application.AddedAttachment;
import com.mindflow.command.attachment.domain.Attachment;
import com.mindflow.command.attachment.storage.AttachmentObjects.PresignedUrl;

/**
 * An attachment as a client sees it. The URLs are presigned and expire at {@code urlsExpireAt}; clients ask
 * query-service for fresh ones later.
 *
 * @param thumbnailUrl {@code null} when there is no thumbnail (PDFs)
 * @param entryVersion the entry's version after the upload, for the next {@code If-Match}
 */
public record AttachmentResponse(UUID id, UUID entryId, String fileName, long size, String mimeType,
        Instant uploadedAt, URI downloadUrl, URI thumbnailUrl, Instant urlsExpireAt, int entryVersion) {

    static AttachmentResponse of(AddedAttachment added, PresignedUrl download, PresignedUrl thumbnail) {
        Attachment a = added.attachment();
        return new AttachmentResponse(a.id().value(), a.entryId().value(), a.fileName().value(), a.size(),
                a.type().mimeType(), a.uploadedAt(), download.url(), thumbnail == null ? null : thumbnail.url(),
                download.expiresAt(), added.entryVersion());
    }
}
