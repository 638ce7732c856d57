package com.mindflow.auth.account;

import java.time.Instant;
import java.util.List;

import com.mindflow.support.security.UserId;

/** A row of {@code users}. Never leaves the service: controllers map it to a view without the hash. */
public record User(
        UserId id,
        String email,
        String passwordHash,
        String displayName,
        String photoUrl,
        String timezone,
        String language,
        String theme,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt,
        boolean emailVerified) {

    /** Every account has the one role for now; the claim exists so services can authorise by role later. */
    public static final List<String> ROLES = List.of("user");

    @Override
    public String toString() {
        return "User[id=" + id + "]"; // no email, no hash in any log line
    }
}
