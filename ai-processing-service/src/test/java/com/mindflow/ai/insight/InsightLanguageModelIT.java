package com.mindflow.ai.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightGenerated.SourcedSentence;
import com.mindflow.events.journal.Mood;

/**
 * Insight summaries with the optional language model on ({@link InsightIT}'s stub): the model rewrites the summary
 * from the insight's own facts, never sees a word of a private entry or of a user in private mode, and any failure
 * keeps the composed summary. The sourced summary sentences stay as composed either way.
 */
class InsightLanguageModelIT extends InsightIT {

    private static final String WRITTEN = "You wrote three times this week, and running by the river lifted you.";
    /** Planted in every private text below; must never reach the language model. */
    private static final String MARKER = "brindlewhisk";

    private final LocalDate monday = LocalDate.now(ZoneOffset.UTC).minusWeeks(5)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));

    private UUID weekWithAPrivateEntry() {
        UUID user = register("en");
        write(user, monday, "A long run by the river and coffee with Ana, a wonderful morning.", Mood.HAPPY,
                List.of("run"), false);
        write(user, monday.plusDays(1), "Another run by the river, happy and tired, a great day.", Mood.ECSTATIC,
                List.of("run"), false);
        write(user, monday.plusDays(2), "Stressful deadline at work, tired and worried about the project.",
                Mood.ANXIOUS, List.of("work"), false);
        write(user, monday.plusDays(3), "My " + MARKER + " secret, a private and happy run with " + MARKER + ".",
                Mood.HAPPY, List.of(MARKER, "run"), true);
        awaitFacts(user, 3);
        return user;
    }

    private InsightGenerated insightOfTheWeek(UUID user) throws Exception {
        return awaitInsight(idOf(post("/api/insights", user, Map.of("startDate", monday.toString(),
                "endDate", monday.plusDays(6).toString()))));
    }

    private static String composed(InsightGenerated insight) {
        return insight.summarySentences().stream().map(SourcedSentence::text).collect(Collectors.joining(" "));
    }

    @Test
    void theModelRewritesTheSummaryFromTheInsightsFactsAndNeverSeesPrivateWords() throws Exception {
        LANGUAGE_MODEL.answering(WRITTEN);
        UUID carol = register("en", true);
        write(carol, monday, "Ran by the river with " + MARKER + ", a wonderful morning.", Mood.HAPPY,
                List.of("run"), false);
        write(carol, monday.plusDays(1), "Another run with " + MARKER + ", happy and tired.", Mood.HAPPY,
                List.of("run", MARKER), false);
        UUID alice = weekWithAPrivateEntry();

        InsightGenerated alices = insightOfTheWeek(alice);
        InsightGenerated carols = insightOfTheWeek(carol);

        assertThat(alices.summary()).isEqualTo(WRITTEN);
        assertThat(alices.entriesAnalyzed()).isEqualTo(3);
        assertThat(alices.summarySentences()).hasSizeBetween(2, 4)
                .allSatisfy(s -> assertThat(s.entryIds()).isNotEmpty());
        assertThat(composed(alices)).isNotEqualTo(WRITTEN).contains("3");
        assertThat(carols.entriesAnalyzed()).as("private mode: nothing analysed").isZero();
        assertThat(carols.summary()).as("an empty period is not sent").isEqualTo(composed(carols));

        List<String> requests = LANGUAGE_MODEL.requests();
        assertThat(requests).singleElement().satisfies(body -> {
            assertThat(JSON.readTree(body).path("model").asString()).isEqualTo("stub-model");
            assertThat(JSON.readTree(body).path("messages").get(1).path("content").asString())
                    .contains("Entries: 3", "run (2 entries", composed(alices))
                    .as("facts, not entry text").doesNotContain("coffee with Ana", "deadline at work");
        });
        assertThat(requests).allSatisfy(body -> assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain(MARKER));
    }

    @Test
    void aFailingOrSlowModelKeepsTheComposedSummary() throws Exception {
        UUID alice = weekWithAPrivateEntry();

        LANGUAGE_MODEL.answering(WRITTEN).failing();
        InsightGenerated failed = insightOfTheWeek(alice);
        assertThat(failed.summary()).isEqualTo(composed(failed)).isNotEqualTo(WRITTEN);

        LANGUAGE_MODEL.answering(WRITTEN).slow(Duration.ofSeconds(5));
        InsightGenerated slow = insightOfTheWeek(alice);
        assertThat(slow.summary()).isEqualTo(composed(slow)).isEqualTo(composed(failed));
        assertThat(LANGUAGE_MODEL.requests()).isNotEmpty()
                .allSatisfy(body -> assertThat(body.toLowerCase(Locale.ROOT)).doesNotContain(MARKER));
    }
}
