package com.mindflow.command.imports;

import java.util.Objects;
import java.util.UUID;

/** Identity of one import a user started. */
public record ImportId(UUID value) {

    public ImportId {
        Objects.requireNonNull(value, "value");
    }

    static ImportId random() {
        return new ImportId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
