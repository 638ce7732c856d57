package com.mindflow.events.ai;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;

/**
 * The AI analysed one version of a journal entry. The entry's embedding went to the search index; only the name of
 * the model that made it travels here, so a consumer knows which vectors are comparable.
 *
 * @param entryVersion   the entry version that was analysed; an analysis of an older version than a projection
 *                       holds is stale
 * @param moodScore      -1 (most negative) .. 1 (most positive), the scale of {@code Mood#score()}
 * @param themes         short theme names, most prominent first
 * @param embeddingModel e.g. {@code all-MiniLM-L6-v2}
 */
public record JournalEntryAnalysed(
        UUID entryId,
        UUID userId,
        int entryVersion,
        double moodScore,
        Sentiment sentiment,
        List<String> themes,
        String embeddingModel,
        Instant analysedAt) implements MindFlowEvent {

    public JournalEntryAnalysed {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sentiment, "sentiment");
        Objects.requireNonNull(analysedAt, "analysedAt");
        if (!(moodScore >= -1.0 && moodScore <= 1.0)) {
            throw new IllegalArgumentException("moodScore must be within -1..1: " + moodScore);
        }
        themes = themes == null ? List.of() : List.copyOf(themes);
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
