package com.mindflow.auth;

import java.util.Objects;
import java.util.UUID;

/** Typed identifier of a user account, so a user id can't be mixed up with a session or event id. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId of(String value) {
        return new UserId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
