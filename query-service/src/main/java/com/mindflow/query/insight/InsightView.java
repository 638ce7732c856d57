package com.mindflow.query.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.swagger.v3.oas.annotations.media.Schema;

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
@Schema(description = "An insight: what the user's journal entries of a period say, in sentences, numbers, moods "
        + "and themes.")
public record InsightView(UUID id,
        @Schema(description = "`weekly`, `monthly`, `yearly` or `custom` (a period the user chose).") String type,
        @Schema(description = "The period's first day, inclusive (ISO-8601 date).") LocalDate startDate,
        @Schema(description = "The period's last day, inclusive (ISO-8601 date).") LocalDate endDate,
        Instant generatedAt,
        @Schema(description = "Always `completed`; an insight not made yet is answered as its status.")
        String status,
        @Schema(description = "The insight's text, for people.") String summary,
        @Schema(description = "The sentences of `summary`, each with the entries it came from.")
        List<SummarySentence> summarySentences,
        @Schema(description = "Journal entries in the period.") int entriesAnalyzed,
        @Schema(description = "Words written in the period.") int totalWords,
        @Schema(description = "Words per entry in the period, on average.") int averageWords,
        @Schema(description = "The weekday with the most words, e.g. `Monday`; null without entries.")
        String mostProductiveDay,
        @Schema(description = "The most consecutive days with an entry within the period.") Integer longestStreak,
        Mood mood,
        @Schema(description = "Themes across the period's entries.") List<Theme> themes,
        @Schema(description = "Milestones reached in the period, as sentences.") List<String> milestones,
        @Schema(description = "Suggestions for the user's writing, as sentences.") List<String> suggestions) {

    static final String COMPLETED = "completed";

    /** Read from the stored JSON too: fields projection may add later are ignored, missing lists are empty. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "One sentence of an insight's summary, with the journal entries it came from.")
    public record SummarySentence(String text,
            @Schema(description = "The entries the sentence rests on.") List<UUID> entryIds) {

        public SummarySentence {
            entryIds = entryIds == null ? List.of() : entryIds;
        }
    }

    /** Shares of the analysed entries in percent (0..100); all null when no entry had a mood. */
    @Schema(description = "The moods of the period's entries, as shares in percent (0-100); all null when no entry "
            + "had a mood.")
    public record Mood(
            @Schema(description = "Percent of entries with `ecstatic` or `happy`.") Double positivePct,
            @Schema(description = "Percent of entries with `neutral`.") Double neutralPct,
            @Schema(description = "Percent of entries with `sad`, `anxious` or `angry`.") Double negativePct,
            @Schema(description = "The most frequent mood: `ecstatic`, `happy`, `neutral`, `sad`, `anxious` or "
                    + "`angry`.") String dominant) {
    }

    /**
     * A theme across the period's entries; read from the stored JSON like {@link SummarySentence}.
     *
     * @param frequency how many analysed entries touch the theme
     * @param sentiment {@code positive}, {@code neutral}, {@code negative} or {@code mixed}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "A theme across a period's entries: a topic the user kept writing about.")
    public record Theme(String name,
            @Schema(description = "How many analysed entries touch the theme.") Integer frequency,
            @Schema(description = "The theme's overall sentiment: `positive`, `neutral`, `negative` or `mixed`.")
            String sentiment,
            @Schema(description = "Words that come with the theme.") List<String> relatedWords,
            @Schema(description = "The entries that touch the theme.") List<UUID> entryIds) {

        public Theme {
            relatedWords = relatedWords == null ? List.of() : relatedWords;
            entryIds = entryIds == null ? List.of() : entryIds;
        }
    }
}
