package com.mindflow.query.stats;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A page of the audit trail, newest first; {@code hasMore} says whether page + 1 has anything. */
@Schema(description = "A page of the user's audit trail, newest first.")
public record ActivityPage(List<ActivityEntry> items,
        @Schema(description = "The page's number, from 0.") int page,
        @Schema(description = "The page size asked for.") int size,
        @Schema(description = "Whether the next page (`page` + 1) has anything.") boolean hasMore) {
}
