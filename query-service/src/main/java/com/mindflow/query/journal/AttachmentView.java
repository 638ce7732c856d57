package com.mindflow.query.journal;

import java.util.UUID;

/**
 * An attachment as clients read it: {@code url} and {@code thumbnailUrl} are presigned GETs valid for
 * {@code mindflow.s3.presign-ttl}; {@code thumbnailUrl} is {@code null} while there is no thumbnail.
 */
public record AttachmentView(UUID id, String fileName, long fileSize, String mimeType, String url,
        String thumbnailUrl) {
}
