package com.mindflow.query.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A generated insight, one row of {@code journal_insights}. {@code status} is always {@code completed}: an insight
 * still being made is an {@link InsightStatus}.
 *
 * @param type              {@code weekly}, {@code monthly}, {@code yearly} or {@code custom}
 * @param startDate         first day of the period, inclusive
 * @param endDate           last day of the period, inclusive
 * @param mostProductiveDay the weekday with the most words as projection stored it (e.g. {@code Monday}); null
 *                          without entries
 * @param summarySentences  the sentences of {@code summary}, each with the entries it came from
 */
public record InsightView(UUID id, String type, LocalDate startDate, LocalDate endDate, Instant generatedAt,
        String status, String summary, List<SummarySentence> summarySentences, int entriesAnalyzed, int totalWords,
        int averageWords, String mostProductiveDay, Integer longestStreak, Mood mood, List<Theme> themes,
        List<String> milestones, List<String> suggestions) {

    static final String COMPLETED = "completed";

    /** Read from the stored JSON too: fields projection may add later are ignored, missing lists are empty. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SummarySentence(String text, List<UUID> entryIds) {

        public SummarySentence {
            entryIds = entryIds == null ? List.of() : entryIds;
        }
    }

    /** Shares of the analysed entries in percent (0..100); all null when no entry had a mood. */
    public record Mood(Double positivePct, Double neutralPct, Double negativePct, String dominant) {
    }

    /**
     * A theme across the period's entries; read from the stored JSON like {@link SummarySentence}.
     *
     * @param frequency how many analysed entries touch the theme
     * @param sentiment {@code positive}, {@code neutral}, {@code negative} or {@code mixed}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Theme(String name, Integer frequency, String sentiment, List<String> relatedWords,
            List<UUID> entryIds) {

        public Theme {
            relatedWords = relatedWords == null ? List.of() : relatedWords;
            entryIds = entryIds == null ? List.of() : entryIds;
        }
    }
}
