package com.mindflow.query.journal;

import java.util.UUID;

/** An attachment as projection-service stores it in {@code journals_view.attachments}: object keys, never URLs. */
record StoredAttachment(UUID id, String fileName, long fileSize, String mimeType, String s3Key,
        String thumbnailS3Key) {
}
