package com.mindflow.command.attachment.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file an entry may carry, exactly the seed's {@code check_mime_type} list, and how each one starts.
 * The type is always decided from the bytes: a client's Content-Type or file name is never trusted.
 */
public enum AttachmentType {

    JPEG("image/jpeg", true),
    PNG("image/png", true),
    GIF("image/gif", true),
    WEBP("image/webp", true),
    PDF("application/pdf", false);

    /** The longest prefix any signature needs (WebP: "RIFF", four size bytes, "WEBP"). */
    public static final int SIGNATURE_LENGTH = 12;

    private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
    private static final byte[] GIF87 = ascii("GIF87a");
    private static final byte[] GIF89 = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP_TAG = ascii("WEBP");
    private static final byte[] PDF_MAGIC = ascii("%PDF-");

    private final String mimeType;
    private final boolean image;

    AttachmentType(String mimeType, boolean image) {
        this.mimeType = mimeType;
        this.image = image;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Images get a thumbnail; documents do not. */
    public boolean isImage() {
        return image;
    }

    public static Optional<AttachmentType> ofMimeType(String mimeType) {
        return Arrays.stream(values()).filter(t -> t.mimeType.equals(mimeType)).findFirst();
    }

    /**
     * The type the file's first bytes announce, or empty for anything else (including files shorter than the
     * signature).
     *
     * @param head   the file's first bytes
     * @param length how many of {@code head} were read
     */
    public static Optional<AttachmentType> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, length, 0, GIF87) || startsWith(head, length, 0, GIF89)) {
            return Optional.of(GIF);
        }
        if (startsWith(head, length, 0, RIFF) && startsWith(head, length, 8, WEBP_TAG)) {
            return Optional.of(WEBP);
        }
        if (startsWith(head, length, 0, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int offset, byte[] magic) {
        if (length < offset + magic.length || head.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
