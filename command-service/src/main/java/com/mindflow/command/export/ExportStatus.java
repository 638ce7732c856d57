package com.mindflow.command.export;

import java.util.Locale;

/** Where an export is; {@code queued} and {@code running} count as "in progress" (one per user). */
public enum ExportStatus {
    QUEUED, RUNNING, COMPLETED, FAILED;

    /** The name in the database and in answers. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ExportStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
