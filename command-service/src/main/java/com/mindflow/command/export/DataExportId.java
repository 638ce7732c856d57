package com.mindflow.command.export;

import java.util.Objects;
import java.util.UUID;

/** Identifies one data export; also the archive's object name. */
public record DataExportId(UUID value) {

    public DataExportId {
        Objects.requireNonNull(value, "value");
    }

    static DataExportId random() {
        return new DataExportId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
