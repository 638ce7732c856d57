package com.mindflow.ai.analysis.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Accuracy on the labelled journal sentences of {@code src/test/resources/sentiment} (written for MindFlow, English
 * and Portuguese: negations, mixed feelings, understatement, one-word entries). Every third group of three sentences (one of each label) of each file is
 * held out: the lexicons were tuned looking only at the mistakes on the other two thirds, and both numbers are
 * reported, so the held-out one shows how much of the tuning carries over to sentences it never saw.
 */
class SentimentAccuracyTest {

    private final LanguageDetector detector = new LanguageDetector();
    private final SentimentAnalyser analyser = new SentimentAnalyser();

    record Labelled(Language language, SentimentAnalyser.Label label, String text, boolean heldOut) {
    }

    record Accuracy(int polarHits, int polar, int hits, int total) {

        double polarShare() {
            return (double) polarHits / polar;
        }

        double share() {
            return (double) hits / total;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "positive-vs-negative %.1f %% (%d/%d), three classes %.1f %% (%d/%d)",
                    100 * polarShare(), polarHits, polar, 100 * share(), hits, total);
        }
    }

    @Test
    void classifiesTheLabelledJournalSentences() throws IOException {
        List<Labelled> all = new ArrayList<>(read(Language.ENGLISH));
        all.addAll(read(Language.PORTUGUESE));
        Accuracy tuning = accuracy(all.stream().filter(l -> !l.heldOut()).toList(), true);
        Accuracy heldOut = accuracy(all.stream().filter(Labelled::heldOut).toList(), false);
        Accuracy overall = accuracy(all, false);
        for (Language language : Language.values()) {
            System.out.println("sentiment " + language.code() + ": "
                    + accuracy(all.stream().filter(l -> l.language() == language).toList(), false));
        }
        System.out.println("sentiment tuning split (" + tuning.total() + "): " + tuning);
        System.out.println("sentiment held-out split (" + heldOut.total() + "): " + heldOut);
        System.out.println("sentiment all (" + overall.total() + "): " + overall);

        assertThat(all).hasSizeGreaterThanOrEqualTo(300);
        assertThat(overall.polarShare()).as("positive vs negative, all sentences").isGreaterThanOrEqualTo(0.90);
        assertThat(overall.share()).as("three classes, all sentences").isGreaterThanOrEqualTo(0.80);
        assertThat(heldOut.polarShare()).as("positive vs negative, held out").isGreaterThanOrEqualTo(0.90);
        assertThat(heldOut.share()).as("three classes, held out").isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void detectsTheLanguageOfEverySentenceLongerThanTwoWords() throws IOException {
        List<Labelled> all = new ArrayList<>(read(Language.ENGLISH));
        all.addAll(read(Language.PORTUGUESE));
        for (Labelled labelled : all) {
            if (labelled.text().split("\\s+").length > 2) {
                Language other = labelled.language() == Language.ENGLISH ? Language.PORTUGUESE : Language.ENGLISH;
                assertThat(detector.detect(labelled.text(), other)).as(labelled.text()).isEqualTo(labelled.language());
            }
        }
    }

    private Accuracy accuracy(List<Labelled> sentences, boolean showMistakes) {
        int polarHits = 0;
        int polar = 0;
        int hits = 0;
        for (Labelled labelled : sentences) {
            SentimentAnalyser.SentimentScore score = analyser.score(labelled.text(), labelled.language());
            boolean hit = score.label() == labelled.label();
            hits += hit ? 1 : 0;
            if (labelled.label() != SentimentAnalyser.Label.NEUTRAL) {
                polar++;
                polarHits += hit ? 1 : 0;
            }
            if (!hit && showMistakes) {
                System.out.println("  miss " + labelled.label() + " got " + score + ": " + labelled.text());
            }
        }
        return new Accuracy(polarHits, polar, hits, sentences.size());
    }

    static List<Labelled> read(Language language) throws IOException {
        try (InputStream in = SentimentAccuracyTest.class.getResourceAsStream("/sentiment/" + language.code() + ".tsv")) {
            List<Labelled> sentences = new ArrayList<>();
            int index = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 2);
                sentences.add(new Labelled(language, SentimentAnalyser.Label.valueOf(fields[0].toUpperCase(Locale.ROOT)),
                        fields[1].strip(), index++ / 3 % 3 == 2));
            }
            return sentences;
        }
    }
}
