package com.mindflow.ai.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.mindflow.ai.AiProcessingIT;
import com.mindflow.ai.insight.application.InsightLedger.InsightRecord;
import com.mindflow.ai.insight.application.InsightLedger.Status;
import com.mindflow.ai.insight.application.Insights;
import com.mindflow.ai.insight.domain.InsightPeriod;
import com.mindflow.events.ai.InsightType;

/**
 * How long making one insight takes, end to end inside the service: reading the period's findings (and the 90 days
 * before for suggestions) from PostgreSQL, composing, and publishing to Kafka with the broker's acknowledgement. A year
 * of daily entries (365 findings, 3–8 key phrases and 0–3 tags each); weekly and yearly insights over it, after a
 * warm-up. Printed as {@code INSIGHT ...}. A benchmark, not in the suite: run with
 * {@code ./mvnw -o -B verify -pl ai-processing-service -Dit.test=InsightBenchmark -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false}. It checks only that insights were published, never how fast.
 */
@TestPropertySource(properties = "mindflow.insights.schedule-first=600s")
class InsightBenchmark extends AiProcessingIT {

    private static final String[] WORDS = {"river walk", "deadline", "coffee", "family dinner", "run", "rain",
            "project", "garden", "book club", "tired", "sunset", "meeting", "yoga", "friends", "train", "music"};

    @Autowired
    Insights insights;

    @Test
    void weeklyAndYearlyInsightTime() {
        UUID user = UUID.randomUUID();
        jdbc.sql("INSERT INTO ai_users (user_id, language, timezone) VALUES (:id, 'en', 'UTC')").param("id", user)
                .update();
        LocalDate first = LocalDate.of(2025, 1, 1);
        Random random = new Random(7);
        for (int day = 0; day < 365; day++) {
            String[] phrases = random.ints(3 + random.nextInt(6), 0, WORDS.length).mapToObj(i -> WORDS[i])
                    .distinct().toArray(String[]::new);
            String[] tags = random.ints(random.nextInt(4), 0, 5).mapToObj(i -> WORDS[i].split(" ")[0]).distinct()
                    .toArray(String[]::new);
            jdbc.sql("""
                    INSERT INTO ai_entry_facts (journal_entry_id, user_id, entry_version, entry_date, word_count,
                                                mood, tags, weather, sentiment_score, key_phrases)
                    VALUES (:id, :user, 1, :date, :words, :mood, :tags, :weather, :sentiment, :phrases)
                    """).param("id", UUID.randomUUID()).param("user", user)
                    .param("date", Date.valueOf(first.plusDays(day))).param("words", 60 + random.nextInt(400))
                    .param("mood", List.of("happy", "neutral", "sad", "ecstatic", "anxious").get(random.nextInt(5)))
                    .param("tags", tags).param("weather", random.nextBoolean() ? "sunny" : "rainy")
                    .param("sentiment", random.nextDouble() * 2 - 1).param("phrases", phrases).update();
        }
        InsightPeriod year = new InsightPeriod(InsightType.YEARLY, first, first.plusDays(364));
        for (int i = 0; i < 30; i++) {
            make(user, week(first, i));
            make(user, year);
        }
        long[] weekly = new long[100];
        for (int i = 0; i < weekly.length; i++) {
            weekly[i] = make(user, week(first, i % 52));
        }
        long[] yearly = new long[30];
        for (int i = 0; i < yearly.length; i++) {
            yearly[i] = make(user, year);
        }
        print("weekly", weekly);
        print("yearly", yearly);
        eventually().until(() -> outFor(user).size() >= 60 + weekly.length + yearly.length);
        assertThat(outFor(user)).isNotEmpty();
    }

    private static InsightPeriod week(LocalDate first, int i) {
        LocalDate monday = first.plusDays(5 + 7L * i); // 2025-01-06 was a Monday
        return new InsightPeriod(InsightType.WEEKLY, monday, monday.plusDays(6));
    }

    private long make(UUID user, InsightPeriod period) {
        // Not claimed in the ledger: the outcome is not recorded, which leaves only the making to time.
        InsightRecord record = new InsightRecord(UUID.randomUUID(), user, period, Status.PROCESSING, 1, false,
                Instant.now());
        long start = System.nanoTime();
        insights.make(record);
        return System.nanoTime() - start;
    }

    private static void print(String kind, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "INSIGHT %s runs=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", kind, nanos.length,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6);
    }
}
