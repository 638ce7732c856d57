package com.mindflow.query.stats;

import java.util.List;

/** A page of the audit trail, newest first; {@code hasMore} says whether page + 1 has anything. */
public record ActivityPage(List<ActivityEntry> items, int page, int size, boolean hasMore) {
}
