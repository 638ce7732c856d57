package com.mindflow.events.ai;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.MindFlowEvent;
import com.mindflow.events.journal.Mood;

/**
 * The AI summarised a user's entries over a period: one row of {@code journal_insights}, field for field.
 *
 * @param startDate         first day of the period, inclusive
 * @param endDate           last day of the period, inclusive
 * @param mostProductiveDay the weekday with the most words (ISO name, e.g. {@code SATURDAY}), {@code null} without
 *                          entries
 * @param longestStreak     the longest run of consecutive days with an entry within the period
 * @param moodPositivePct   share of analysed entries with a positive mood, 0..100; the three shares come from
 *                          {@code Mood#score()} and are {@code null} when no entry had a mood
 * @param dominantMood      the most frequent mood, {@code null} when no entry had one
 * @param milestones        e.g. {@code Completed 30 days}
 * @param suggestions       e.g. {@code Try morning journaling}
 * @param summarySentences the sentences of {@code summary}, each with the entries it was drawn from
 */
public record InsightGenerated(
        UUID insightId,
        UUID userId,
        InsightType insightType,
        LocalDate startDate,
        LocalDate endDate,
        Instant generatedAt,
        String summary,
        int entriesAnalyzed,
        int totalWords,
        int averageWords,
        DayOfWeek mostProductiveDay,
        Integer longestStreak,
        Double moodPositivePct,
        Double moodNeutralPct,
        Double moodNegativePct,
        Mood dominantMood,
        List<InsightTheme> themes,
        List<String> milestones,
        List<String> suggestions,
        List<SourcedSentence> summarySentences) implements MindFlowEvent {

    public InsightGenerated {
        Objects.requireNonNull(insightId, "insightId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(insightType, "insightType");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(generatedAt, "generatedAt");
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("endDate " + endDate + " is before startDate " + startDate);
        }
        themes = themes == null ? List.of() : List.copyOf(themes);
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
        summarySentences = summarySentences == null ? List.of() : List.copyOf(summarySentences);
    }

    /** One sentence of an insight's summary and the entries it names as its source (none for an empty period). */
    public record SourcedSentence(String text, List<UUID> entryIds) {

        public SourcedSentence {
            Objects.requireNonNull(text, "text");
            entryIds = entryIds == null ? List.of() : List.copyOf(entryIds);
        }
    }

    @Override
    public UUID aggregateId() {
        return insightId;
    }

    @Override
    public Instant occurredAt() {
        return generatedAt;
    }
}
