package com.mindflow.ai.analysis.application;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * An entry's findings changed on these days (analysed, re-analysed, or withdrawn): whatever was computed from the
 * user's entries of those days is out of date. A Spring application event, inside this service only.
 *
 * @param withdrawn the entry's findings were removed (made private, deleted): derived data must go at once
 */
public record AnalysedEntryChanged(UUID userId, Set<LocalDate> dates, boolean withdrawn) {
}
