package com.mindflow.auth.session;

import java.time.Instant;
import java.util.List;

import com.mindflow.support.security.UserId;

/** One signed-in device, as kept in the Redis hash {@code session:{id}} (without the refresh-token hashes). */
public record SessionRecord(
        String id,
        UserId userId,
        String email,
        List<String> roles,
        Instant createdAt,
        Instant lastAccessedAt,
        String userAgent,
        String ipAddress) {
}
