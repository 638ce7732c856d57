package com.mindflow.command.attachment.domain;

import java.util.Objects;

/** An upload the rules do not allow; nothing was stored for it. */
public class AttachmentRefused extends RuntimeException {

    public enum Reason {
        /** Zero bytes. */
        EMPTY,
        /** Over the 50 MB the seed allows. */
        TOO_LARGE,
        /** Not JPEG, PNG, GIF, WebP or PDF by its bytes. */
        UNSUPPORTED_TYPE,
        /** An image whose header cannot be read: it only looks like an image. */
        UNREADABLE_IMAGE,
        /** More pixels than a thumbnail may decode: a decompression bomb, or simply too big. */
        TOO_MANY_PIXELS,
        /** A large canvas in a file far too small for it: built to exhaust the decoder, not to be looked at. */
        DECOMPRESSION_BOMB,
        /** The entry already holds {@link EntryAttachments#MAX_PER_ENTRY}. */
        TOO_MANY_ATTACHMENTS,
        /** The author's attachments would exceed their storage quota. */
        QUOTA_EXCEEDED
    }

    private final Reason reason;

    public AttachmentRefused(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
