package com.mindflow.command.attachment.domain;

import java.text.Normalizer;
import java.util.Objects;

/**
 * The name an attachment is shown with: the client's file name without any directory part, control or
 * bidirectional-override characters, at most {@value #MAX_LENGTH} characters (the seed's column). It is only ever a
 * label: object keys never contain it.
 */
public record FileName(String value) {

    public static final int MAX_LENGTH = 255;
    static final String FALLBACK = "attachment";

    public FileName {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A file name has 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** What is left of a client-supplied name once it is safe to store and show; never fails. */
    public static FileName sanitize(String original) {
        if (original == null) {
            return new FileName(FALLBACK);
        }
        String name = Normalizer.normalize(original, Normalizer.Form.NFC);
        // Browsers on Windows send "C:\\Users\\...\\photo.jpg"; others may send "../../etc/passwd".
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(FileName::isSafe).forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        // "." and ".." are directory names, not file names.
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            return new FileName(FALLBACK);
        }
        return new FileName(truncate(name));
    }

    private static boolean isSafe(int codePoint) {
        int type = Character.getType(codePoint);
        // Control (incl. NUL, CR, LF), format (bidi overrides like U+202E that disguise "gpj.exe"), unassigned,
        // surrogates and private use characters are dropped.
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.SURROGATE && type != Character.PRIVATE_USE;
    }

    /** Keeps the extension when the name is too long, cutting between code points. */
    private static String truncate(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        int keep = MAX_LENGTH - extension.length();
        if (Character.isHighSurrogate(name.charAt(keep - 1))) {
            keep--;
        }
        return name.substring(0, keep) + extension;
    }

    @Override
    public String toString() {
        return value;
    }
}
