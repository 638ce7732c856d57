package com.mindflow.ai.insight.application;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.support.languagemodel.LanguageModel;

/**
 * With the optional language model on, an insight's {@code summary} is rewritten by the model from the insight's own
 * computed facts: the period, the counts, the mood shares, the themes' names and the composed summary sentences —
 * never an entry's text (an insight holds nothing of an entry but what {@link EntryFacts} gives it, and those come
 * from non-private entries only). {@code summarySentences} stay the composed, sourced ones. Off, failing, or for a
 * period without entries, the composed summary stays.
 */
@Component
class InsightSummaries {

    /** The language model's system message. */
    static final String INSTRUCTIONS = """
            You rewrite the summary of a period of a person's journal. Use only the facts you are given, in the \
            language of the given summary, speaking to the person as "you". Write two to four warm, plain sentences. \
            Keep every number as given; add no advice, diagnosis or fact that is not there.""";

    private final Optional<LanguageModel> model;

    InsightSummaries(Optional<LanguageModel> model) {
        this.model = model;
    }

    InsightGenerated rewrite(InsightGenerated composed) {
        if (model.isEmpty() || composed.entriesAnalyzed() == 0) {
            return composed;
        }
        return model.get().write("insight summary", INSTRUCTIONS, facts(composed))
                .map(summary -> withSummary(composed, summary))
                .orElse(composed);
    }

    /** The user message: the insight's own fields, nothing else. */
    static String facts(InsightGenerated i) {
        StringBuilder facts = new StringBuilder()
                .append("Period: ").append(i.insightType().wireName()).append(", ").append(i.startDate())
                .append(" to ").append(i.endDate())
                .append("\nEntries: ").append(i.entriesAnalyzed()).append("; words: ").append(i.totalWords())
                .append(" in all, ").append(i.averageWords()).append(" on average");
        if (i.mostProductiveDay() != null) {
            facts.append("; most words on ").append(lower(i.mostProductiveDay()));
        }
        if (i.longestStreak() != null) {
            facts.append("; longest run of days in a row: ").append(i.longestStreak());
        }
        if (i.dominantMood() != null) {
            facts.append("\nMoods: positive ").append(i.moodPositivePct()).append("%, neutral ")
                    .append(i.moodNeutralPct()).append("%, negative ").append(i.moodNegativePct())
                    .append("%; most frequent: ").append(lower(i.dominantMood()));
        }
        if (!i.themes().isEmpty()) {
            facts.append("\nThemes: ").append(i.themes().stream().map(InsightSummaries::theme)
                    .collect(Collectors.joining("; ")));
        }
        if (!i.milestones().isEmpty()) {
            facts.append("\nMilestones: ").append(String.join("; ", i.milestones()));
        }
        return facts.append("\nSummary: ").append(i.summary()).toString();
    }

    private static String theme(InsightTheme theme) {
        return theme.name() + " (" + theme.frequency() + " entries, " + theme.sentiment().wireName() + ")";
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static InsightGenerated withSummary(InsightGenerated i, String summary) {
        return new InsightGenerated(i.insightId(), i.userId(), i.insightType(), i.startDate(), i.endDate(),
                i.generatedAt(), summary, i.entriesAnalyzed(), i.totalWords(), i.averageWords(),
                i.mostProductiveDay(), i.longestStreak(), i.moodPositivePct(), i.moodNeutralPct(),
                i.moodNegativePct(), i.dominantMood(), i.themes(), i.milestones(), i.suggestions(),
                i.summarySentences());
    }
}
