package com.mindflow.query.search;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One search over the caller's entries. {@code text} may be absent (then everything matches and date order is the
 * only useful sort); {@code page} is zero-based.
 */
record SearchQuery(UUID userId, String text, String mood, List<String> tags, LocalDate from, LocalDate to,
        SearchSort sort, int page, int size) {
}
