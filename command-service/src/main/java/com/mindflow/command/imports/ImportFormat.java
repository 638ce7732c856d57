package com.mindflow.command.imports;

import java.util.Locale;
import java.util.Optional;

/** The kinds of file an import reads; the wire name is the {@code format} parameter and the ledger's column. */
public enum ImportFormat {

    MINDFLOW,
    DAYONE,
    DAYLIO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ImportFormat> fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (ImportFormat format : values()) {
            if (format.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        throw new ImportRefused(ImportRefused.Reason.INVALID_PARAMETER, "format",
                "format must be one of mindflow, dayone, daylio (or left out to detect it from the file)");
    }

    static ImportFormat fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
