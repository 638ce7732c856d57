package com.mindflow.query.journal;

import org.springframework.stereotype.Component;

import com.mindflow.support.storage.StorageProperties;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Short-lived download links for attachment objects; signing is local, S3 is not called. */
@Component
class AttachmentLinks {

    private final S3Presigner presigner;
    private final StorageProperties storage;

    AttachmentLinks(S3Presigner presigner, StorageProperties storage) {
        this.presigner = presigner;
        this.storage = storage;
    }

    String download(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        return presigner.presignGetObject(request -> request
                .signatureDuration(storage.presignTtl())
                .getObjectRequest(get -> get.bucket(storage.bucket()).key(key)))
                .url().toString();
    }

    AttachmentView view(StoredAttachment stored) {
        return new AttachmentView(stored.id(), stored.fileName(), stored.fileSize(), stored.mimeType(),
                download(stored.s3Key()), download(stored.thumbnailS3Key()));
    }
}
