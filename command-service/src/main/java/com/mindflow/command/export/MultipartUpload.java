package com.mindflow.command.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An {@link OutputStream} into one S3 object by multipart upload: the bytes go up part by part as they are written,
 * so an archive of any size costs one part's buffer of heap and no disk. {@link #finish()} completes the upload;
 * {@link #close()} without it aborts (nothing half-written stays visible, and S3 frees the parts).
 */
final class MultipartUpload extends OutputStream {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String uploadId;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long size;
    private boolean finished;
    private boolean closed;

    MultipartUpload(S3Client s3, String bucket, String key, String contentType, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.buffer = new byte[partSize];
        this.uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType(contentType))
                .uploadId();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("Upload of " + key + " is closed");
        }
        while (length > 0) {
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == buffer.length) {
                uploadPart();
            }
        }
    }

    private void uploadPart() {
        int number = parts.size() + 1;
        // From the buffer itself: RequestBody.fromBytes would copy it once more.
        String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) filled),
                RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, filled), filled)).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        size += filled;
        filled = 0;
    }

    /** Uploads the last part and completes the object; answers its size in bytes. */
    long finish() {
        if (filled > 0 || parts.isEmpty()) {
            uploadPart();
        }
        s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
        finished = true;
        closed = true;
        return size;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        }
    }
}
