package com.mindflow.command.journal;

import java.util.Objects;
import java.util.UUID;

/** The user who writes the entry, as authenticated by the access token. */
public record AuthorId(UUID value) {

    public AuthorId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
