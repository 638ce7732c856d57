package com.mindflow.support.security;

import java.util.Objects;
import java.util.UUID;

/** The authenticated user's id (the token's {@code sub}), typed so it is never confused with another UUID. */
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
