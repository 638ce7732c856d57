package com.mindflow.command.imports;

import java.util.Objects;

/** A file that is not imported at all; nothing was written for it. The message names what is wrong. */
public class ImportRefused extends RuntimeException {

    public enum Reason {
        /** Neither a ZIP of a known export nor a Daylio CSV (415). */
        UNSUPPORTED_TYPE,
        /** The right kind of file, but broken or not shaped as its format says (422). */
        MALFORMED,
        /** An archive built to harm: a zip bomb, a path outside the archive, a symlink (422). */
        UNSAFE_ARCHIVE,
        /** Over one of the size or count limits (413). */
        TOO_LARGE,
        /** A request parameter that is not allowed (400). */
        INVALID_PARAMETER
    }

    private final Reason reason;
    private final String field;

    public ImportRefused(Reason reason, String field, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = Objects.requireNonNull(field, "field");
    }

    public Reason reason() {
        return reason;
    }

    /** The part or parameter at fault, e.g. {@code file} or {@code format}. */
    public String field() {
        return field;
    }

    static ImportRefused malformed(String message) {
        return new ImportRefused(Reason.MALFORMED, ImportController.FILE_PART, message);
    }

    static ImportRefused unsafe(String message) {
        return new ImportRefused(Reason.UNSAFE_ARCHIVE, ImportController.FILE_PART, message);
    }

    static ImportRefused tooLarge(String message) {
        return new ImportRefused(Reason.TOO_LARGE, ImportController.FILE_PART, message);
    }
}
