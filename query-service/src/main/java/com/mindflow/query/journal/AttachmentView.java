package com.mindflow.query.journal;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An attachment as clients read it: {@code url} and {@code thumbnailUrl} are presigned GETs valid for
 * {@code mindflow.s3.presign-ttl}; {@code thumbnailUrl} is {@code null} while there is no thumbnail.
 */
@Schema(description = "A file attached to a journal entry, with presigned links to download it.")
public record AttachmentView(UUID id, String fileName,
        @Schema(description = "The file's size in bytes.") long fileSize,
        @Schema(description = "The file's media type, e.g. `image/jpeg` or `application/pdf`.") String mimeType,
        @Schema(description = "A presigned GET of the file; it expires, read the entry again for a fresh one.")
        String url,
        @Schema(description = "A presigned GET of the thumbnail; null while there is none (and for PDFs).")
        String thumbnailUrl) {
}
