package com.mindflow.query.stats;

import java.time.Instant;

/** One line of the caller's audit trail ({@code audit_logs}): what was done, when, from where. */
public record ActivityEntry(String action, Instant timestamp, String entryId, String ipAddress, String userAgent,
        String requestId, String dataCategory) {
}
