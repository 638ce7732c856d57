package com.mindflow.command.attachment.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.mindflow.command.attachment.domain.Attachment.StoredObject;
import com.mindflow.support.storage.StorageProperties;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Attachment files in the bucket: streamed up from a local file, removed by key or by entry prefix, and read only
 * through short-lived presigned URLs (the bucket is never public).
 */
@Component
public class AttachmentObjects {

    private static final Logger log = LoggerFactory.getLogger(AttachmentObjects.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Duration presignTtl;

    AttachmentObjects(S3Client s3, S3Presigner presigner, StorageProperties properties) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = properties.bucket();
        this.presignTtl = properties.presignTtl();
    }

    /** Uploads {@code file} under {@code key}; the SDK streams it from disk, so the heap never holds it whole. */
    public StoredObject put(String key, Path file, long size, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType).contentLength(size),
                RequestBody.fromFile(file));
        return new StoredObject(key, canonicalUrl(key));
    }

    /**
     * Removes objects and never throws: callers run after a commit or during a rollback, when a failure must not
     * change the answer. A failure is logged with the key so the object can be removed by hand.
     */
    public void deleteQuietly(Collection<String> keys) {
        for (String key : keys) {
            try {
                s3.deleteObject(request -> request.bucket(bucket).key(key));
            }
            catch (RuntimeException e) {
                log.error("Could not delete attachment object {}; it is orphaned", key, e);
            }
        }
    }

    /** Removes every object whose key starts with {@code prefix}; never throws (see {@link #deleteQuietly}). */
    public void deleteAllUnder(String prefix) {
        try {
            eraseAllUnder(prefix);
        }
        catch (RuntimeException e) {
            log.error("Could not delete attachment objects under {}; they are orphaned", prefix, e);
        }
    }

    /**
     * Removes every object whose key starts with {@code prefix}, or throws: a GDPR erasure must be retried until
     * nothing is left, not logged and forgotten. Deleting what is already gone is no error, so a retry is harmless.
     */
    public void eraseAllUnder(String prefix) {
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix)
                    .continuationToken(continuation));
            page.contents().forEach(object -> s3.deleteObject(request -> request.bucket(bucket).key(object.key())));
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        }
        while (token != null);
    }

    /** A GET URL for {@code key} that works until {@link PresignedUrl#expiresAt()}. */
    public PresignedUrl presignDownload(String key) {
        var presigned = presigner.presignGetObject(request -> request.signatureDuration(presignTtl)
                .getObjectRequest(get -> get.bucket(bucket).key(key)));
        return new PresignedUrl(URI.create(presigned.url().toString()), presigned.expiration());
    }

    /** The object's address as the S3 API names it (path-style or virtual-host, as configured); not readable as is. */
    URI canonicalUrl(String key) {
        return URI.create(s3.utilities().getUrl(request -> request.bucket(bucket).key(key)).toString());
    }

    public record PresignedUrl(URI url, Instant expiresAt) {
    }
}
