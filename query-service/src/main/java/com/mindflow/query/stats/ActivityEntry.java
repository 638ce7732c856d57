package com.mindflow.query.stats;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** One line of the caller's audit trail ({@code audit_logs}): what was done, when, from where. */
@Schema(description = "One line of the user's audit trail: what was done to their account or journal, when, and from "
        + "where.")
public record ActivityEntry(
        @Schema(description = "What was done, e.g. `LOGIN`, `ENTRY_UPDATE`, `SETTINGS_UPDATE`, `DATA_EXPORT`.")
        String action,
        @Schema(description = "When it was done.") Instant timestamp,
        @Schema(description = "The journal entry it concerned; null for account actions.") String entryId,
        @Schema(description = "The IP address it came from, when known.") String ipAddress,
        @Schema(description = "The User-Agent of the client, when known.") String userAgent,
        @Schema(description = "The request's id (its `X-Request-Id`), when known.") String requestId,
        @Schema(description = "The kind of data touched, e.g. `user_data` or `security_event`.") String dataCategory) {
}
