package com.mindflow.support.readside;

import java.time.LocalDate;
import java.util.UUID;

/**
 * "This entry is now at this version in the read model", published by projection-service on
 * {@link ReadCacheKeys#journalChanges(UUID)}. Carries no content: a device that wants the entry reads it through the
 * API, with the usual authorization.
 *
 * @param change one of {@code created}, {@code updated}, {@code deleted}, {@code restored}, {@code attachments}
 */
public record JournalChangeNotice(UUID entryId, UUID userId, LocalDate date, int version, String change) {
}
