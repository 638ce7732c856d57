package com.mindflow.events.ai;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * The AI analysed one version of a non-private journal entry. Carries what was derived, never the entry's text.
 *
 * <p>Reshaped before any producer published it (the first producer is the per-entry analysis of issue #11), so v1
 * stays v1.
 *
 * @param entryVersion   the entry version that was analysed; an analysis of an older version than a projection
 *                       holds is stale
 * @param sentimentScore -1 (most negative) .. 1 (most positive), the scale of {@code Mood#score()}
 * @param sentiment      {@code positive}, {@code neutral} or {@code negative} for an entry
 * @param keyPhrases     the entry's key phrases, most prominent first (at most 8)
 * @param language       ISO 639-1 code of the entry's language: {@code en} or {@code pt}
 */
public record JournalEntryAnalysed(
        UUID entryId,
        UUID userId,
        int entryVersion,
        double sentimentScore,
        Sentiment sentiment,
        List<String> keyPhrases,
        String language,
        Instant analysedAt) implements MindFlowEvent {

    public JournalEntryAnalysed {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(analysedAt, "analysedAt");
        if (!(sentimentScore >= -1.0 && sentimentScore <= 1.0)) {
            throw new IllegalArgumentException("sentimentScore must be within -1..1: " + sentimentScore);
        }
        keyPhrases = keyPhrases == null ? List.of() : List.copyOf(keyPhrases);
    }

    @Override
    public UUID aggregateId() {
        return entryId;
    }

    @Override
    public Instant occurredAt() {
        return analysedAt;
    }
}
