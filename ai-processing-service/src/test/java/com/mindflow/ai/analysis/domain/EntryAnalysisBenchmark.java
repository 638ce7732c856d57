package com.mindflow.ai.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Warm per-entry analysis time (language, sentiment, key phrases) over 1,000 entries of 60–250 words built from the
 * labelled sentences, English and Portuguese, after 3,000 warm-up analyses. Printed as {@code ANALYSIS ...}. A
 * benchmark, not part of the test suite (surefire runs {@code *Test}): run it with
 * {@code ./mvnw -o -pl ai-processing-service test -Dtest=EntryAnalysisBenchmark}. It checks only that every entry
 * was analysed, never how fast.
 */
class EntryAnalysisBenchmark {

    @Test
    void warmPerEntryAnalysisTime() throws Exception {
        EntryAnalyser analyser = new EntryAnalyser();
        List<String[]> entries = new ArrayList<>();
        Random random = new Random(11);
        for (Language language : Language.values()) {
            List<String> sentences = SentimentAccuracyTest.read(language).stream()
                    .map(SentimentAccuracyTest.Labelled::text).toList();
            for (int i = 0; i < 500; i++) {
                StringBuilder text = new StringBuilder();
                int words = 60 + random.nextInt(190);
                while (text.toString().split("\\s+").length < words) {
                    text.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
                }
                entries.add(new String[] {"Entry " + i, text.toString(), language.code()});
            }
        }
        for (int i = 0; i < 3000; i++) {
            String[] e = entries.get(i % entries.size());
            analyser.analyse(e[0], e[1], Language.ENGLISH);
        }
        long[] nanos = new long[entries.size()];
        int analysed = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < entries.size(); i++) {
            String[] e = entries.get(i);
            long start = System.nanoTime();
            var result = analyser.analyse(e[0], e[1], Language.ENGLISH);
            nanos[i] = System.nanoTime() - start;
            analysed += result.language().code().equals(e[2]) ? 1 : 0;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "ANALYSIS entries=%d p50=%.3f ms p99=%.3f ms max=%.3f ms throughput=%.0f entries/s "
                        + "language-correct=%d%n", nanos.length, nanos[nanos.length / 2] / 1e6,
                nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length / seconds,
                analysed);
        assertThat(analysed).isGreaterThan(nanos.length * 9 / 10);
    }
}
