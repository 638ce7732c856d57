package com.mindflow.ai.insight.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.ai.InsightType;
import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.journal.Mood;

class InsightComposerTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);
    private static final InsightPeriod WEEK = new InsightPeriod(InsightType.WEEKLY, MONDAY, MONDAY.plusDays(6));
    private final InsightComposer composer = new InsightComposer();

    @Test
    void countsWordsStreaksMoodsAndTheBusiestWeekday() {
        List<EntryFact> week = List.of(
                fact(MONDAY, 100, Mood.HAPPY, List.of("run"), 0.6, "river"),
                fact(MONDAY.plusDays(1), 300, Mood.HAPPY, List.of("run"), 0.5, "river"),
                fact(MONDAY.plusDays(2), 50, Mood.SAD, List.of("work"), -0.6, "deadline"),
                fact(MONDAY.plusDays(5), 10, Mood.NEUTRAL, List.of(), 0.0, "tea"));
        InsightGenerated insight = compose(week, Set.of(), Phrases.ENGLISH);

        assertThat(insight.entriesAnalyzed()).isEqualTo(4);
        assertThat(insight.totalWords()).isEqualTo(460);
        assertThat(insight.averageWords()).isEqualTo(115);
        assertThat(insight.longestStreak()).isEqualTo(3);
        assertThat(insight.mostProductiveDay()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(insight.moodPositivePct()).isEqualTo(50.0);
        assertThat(insight.moodNeutralPct()).isEqualTo(25.0);
        assertThat(insight.moodNegativePct()).isEqualTo(25.0);
        assertThat(insight.dominantMood()).isEqualTo(Mood.HAPPY);
        assertThat(insight.summary()).startsWith("You wrote 4 entries between 2 November 2026 and 8 November 2026,"
                + " 460 words in all.");
        assertThat(insight.summarySentences()).hasSizeBetween(2, 4)
                .allSatisfy(s -> assertThat(s.entryIds()).isNotEmpty());
    }

    @Test
    void themesRecurAcrossEntriesNameTheirEntriesAndSkipRejectedOnes() {
        List<EntryFact> week = List.of(
                fact(MONDAY, 100, Mood.HAPPY, List.of("run"), 0.6, "river walk"),
                fact(MONDAY.plusDays(1), 100, Mood.HAPPY, List.of("run"), 0.5, "river walk"),
                fact(MONDAY.plusDays(2), 100, Mood.SAD, List.of("work"), -0.6, "deadline"),
                fact(MONDAY.plusDays(3), 100, Mood.SAD, List.of("work"), -0.5, "deadline"));
        InsightGenerated insight = compose(week, Set.of(), Phrases.ENGLISH);
        assertThat(insight.themes()).extracting(InsightTheme::name)
                .containsExactlyInAnyOrder("river walk", "deadline", "work", "run");
        InsightTheme run = insight.themes().stream().filter(t -> t.name().equals("run")).findFirst().orElseThrow();
        assertThat(run.frequency()).isEqualTo(2);
        assertThat(run.sentiment()).isEqualTo(Sentiment.POSITIVE);
        assertThat(run.entryIds()).containsExactly(week.get(0).entryId(), week.get(1).entryId());
        assertThat(run.relatedWords()).containsExactly("river walk");

        assertThat(compose(week, Set.of("run", "deadline"), Phrases.ENGLISH).themes()).extracting(InsightTheme::name)
                .doesNotContain("run", "deadline");
    }

    @Test
    void anEmptyPeriodGetsAnEmptyStateNotAnInventedInsight() {
        InsightGenerated insight = compose(List.of(), Set.of(), Phrases.PORTUGUESE);
        assertThat(insight.entriesAnalyzed()).isZero();
        assertThat(insight.themes()).isEmpty();
        assertThat(insight.dominantMood()).isNull();
        assertThat(insight.summary()).isEqualTo("Não houve entradas para analisar entre 2 de novembro de 2026 e "
                + "8 de novembro de 2026.");
    }

    @Test
    void milestonesAreThoseCrossedInThePeriod() {
        List<EntryFact> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(fact(MONDAY.plusDays(i), 200, Mood.HAPPY, List.of(), 0.3, "day"));
        }
        InsightGenerated insight = composer.compose(UUID.randomUUID(), UUID.randomUUID(), WEEK, days, days,
                new JournalHistory(5, 9_500), Set.of(), Phrases.ENGLISH, Instant.EPOCH);
        assertThat(insight.milestones()).containsExactly("Reached 10 entries", "Wrote 10,000 words",
                "Completed 7 days in a row");
    }

    @Test
    void suggestionsComeFromTheUsersOwnMoodByTag() {
        List<EntryFact> recent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean ran = i % 2 == 0;
            recent.add(fact(MONDAY.minusDays(i * 3L), 100, ran ? Mood.HAPPY : Mood.SAD, ran ? List.of("run")
                    : List.of(), 0, "x"));
        }
        InsightGenerated insight = composer.compose(UUID.randomUUID(), UUID.randomUUID(), WEEK,
                List.of(recent.getFirst()), recent, JournalHistory.NONE, Set.of(), Phrases.ENGLISH, Instant.EPOCH);
        assertThat(insight.suggestions()).contains("On days tagged \"run\" your mood was higher than on other days.");
    }

    @Test
    void periodsCloseOnMondaysFirstsOfMonthsAndNewYear() {
        LocalDate wednesday = LocalDate.of(2026, 12, 2);
        assertThat(InsightPeriod.lastClosed(InsightType.WEEKLY, wednesday))
                .isEqualTo(new InsightPeriod(InsightType.WEEKLY, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29)));
        assertThat(InsightPeriod.lastClosed(InsightType.MONTHLY, wednesday))
                .isEqualTo(new InsightPeriod(InsightType.MONTHLY, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)));
        assertThat(InsightPeriod.lastClosed(InsightType.YEARLY, wednesday))
                .isEqualTo(new InsightPeriod(InsightType.YEARLY, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
    }

    private InsightGenerated compose(List<EntryFact> entries, Set<String> rejected, Phrases phrases) {
        return composer.compose(UUID.randomUUID(), UUID.randomUUID(), WEEK, entries, entries, JournalHistory.NONE,
                rejected, phrases, Instant.EPOCH);
    }

    private static EntryFact fact(LocalDate date, int words, Mood mood, List<String> tags, double sentiment,
            String... phrases) {
        return new EntryFact(UUID.randomUUID(), date, words, mood, tags, null, sentiment, List.of(phrases));
    }
}
