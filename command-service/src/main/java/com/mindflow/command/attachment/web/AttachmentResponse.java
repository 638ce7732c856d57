package com.mindflow.command.attachment.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import com.mindflow.command.attachment.application.AddedAttachment;
import com.mindflow.command.attachment.domain.Attachment;
import com.mindflow.command.attachment.storage.AttachmentObjects.PresignedUrl;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An attachment as a client sees it. The URLs are presigned and expire at {@code urlsExpireAt}; clients ask
 * query-service for fresh ones later.
 *
 * @param thumbnailUrl {@code null} when there is no thumbnail (PDFs)
 * @param entryVersion the entry's version after the upload, for the next {@code If-Match}
 */
@Schema(description = "A file attached to a journal entry, with presigned links to download it and its thumbnail.")
public record AttachmentResponse(UUID id, UUID entryId, String fileName,
        @Schema(description = "The file's size in bytes.") long size,
        @Schema(description = "The file's media type, e.g. `image/jpeg` or `application/pdf`.") String mimeType,
        Instant uploadedAt,
        @Schema(description = "A presigned GET of the file, valid until `urlsExpireAt`.") URI downloadUrl,
        @Schema(description = "A presigned GET of the thumbnail, valid until `urlsExpireAt`; null without one "
                + "(PDFs).") URI thumbnailUrl,
        @Schema(description = "When the presigned URLs expire; fresh ones come with the entry from GET "
                + "/api/journals/{id}.") Instant urlsExpireAt,
        @Schema(description = "The entry's version after the upload: the `If-Match` of the entry's next write.")
        int entryVersion) {

    static AttachmentResponse of(AddedAttachment added, PresignedUrl download, PresignedUrl thumbnail) {
        Attachment a = added.attachment();
        return new AttachmentResponse(a.id().value(), a.entryId().value(), a.fileName().value(), a.size(),
                a.type().mimeType(), a.uploadedAt(), download.url(), thumbnail == null ? null : thumbnail.url(),
                download.expiresAt(), added.entryVersion());
    }
}
