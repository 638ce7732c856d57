package com.mindflow.ai.analysis.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexicon-based sentiment with VADER's rules (Hutto &amp; Gilbert, 2014), one implementation for both languages so
 * English and Portuguese behave alike: each sentiment word or phrase adds its valence; a negator up to four words
 * before it flips and damps it; an intensifier before it scales it; in a sentence with "but"/"mas" what comes after
 * weighs 1.5 and what came before 0.5; the sum is squashed into -1..1 by {@code s / sqrt(s² + 15)}.
 *
 * <p>Why not the Java VADER port: it knows English only, and its rules would have to be reimplemented for
 * Portuguese anyway; a Portuguese lexicon alone cannot be plugged into it. This class is both rule sets in ~100
 * lines, and it runs in microseconds on the CPU with nothing to download.
 */
public final class SentimentAnalyser {

    /** VADER's thresholds: between them an entry counts as neutral. */
    static final double POSITIVE_FROM = 0.05;
    static final double NEGATIVE_FROM = -0.05;

    private static final double NEGATION = -0.74;
    private static final double ALPHA = 15.0;
    private static final int NEGATION_SCOPE = 4;
    private static final double BEFORE_CONTRAST = 0.5;
    private static final java.util.Set<String> DEGREE = java.util.Set.of("so", "this", "such", "tao", "tanto");
    private static final double AFTER_CONTRAST = 1.5;

    private final Lexicon english = Lexicon.of(Language.ENGLISH);
    private final Lexicon portuguese = Lexicon.of(Language.PORTUGUESE);

    public SentimentScore score(String text, Language language) {
        Lexicon lexicon = language == Language.PORTUGUESE ? portuguese : english;
        List<String> tokens = Tokens.of(text);
        double total = 0;
        int sentenceStart = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i == tokens.size() || isSentenceEnd(tokens.get(i))) {
                total += sentence(tokens.subList(sentenceStart, i), lexicon);
                sentenceStart = i + 1;
            }
        }
        long exclamations = tokens.stream().filter("!"::equals).count();
        if (total != 0) {
            // VADER: exclamation marks amplify whatever the text says, up to three of them.
            total += Math.signum(total) * Math.min(exclamations, 3) * 0.292;
        }
        double score = total / Math.sqrt(total * total + ALPHA);
        return new SentimentScore(Math.round(score * 1000) / 1000.0, label(score));
    }

    private static boolean isSentenceEnd(String token) {
        return ".".equals(token) || "!".equals(token) || "?".equals(token) || ";".equals(token);
    }

    private static double sentence(List<String> tokens, Lexicon lexicon) {
        List<double[]> found = new ArrayList<>(); // {token index, valence}
        int contrast = -1;
        for (int i = 0; i < tokens.size(); ) {
            int matched = 0;
            Double valence = null;
            for (int n = Math.min(Lexicon.LONGEST_PHRASE, tokens.size() - i); n >= 1 && valence == null; n--) {
                valence = lexicon.valence(String.join(" ", tokens.subList(i, i + n)));
                matched = n;
            }
            if (lexicon.isContrast(tokens.get(i)) && valence == null) {
                contrast = i;
            }
            if (valence == null) {
                i++;
                continue;
            }
            found.add(new double[] {i, valence * modifiers(tokens, i, lexicon)});
            i += matched;
        }
        double sum = 0;
        for (double[] hit : found) {
            double weight = contrast < 0 ? 1 : hit[0] < contrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
            sum += hit[1] * weight;
        }
        return sum;
    }

    /** Negation and intensity from the words before position {@code at}, back to a comma or a contrast word. */
    private static double modifiers(List<String> tokens, int at, Lexicon lexicon) {
        double factor = 1;
        boolean negated = false;
        for (int back = 1; back <= NEGATION_SCOPE && at - back >= 0; back++) {
            String word = tokens.get(at - back);
            if (Tokens.isPunctuation(word) || lexicon.isContrast(word)) {
                break;
            }
            if (lexicon.isNegator(word)) {
                // VADER's exception: "never so happy" / "nunca tão bem" intensifies instead of negating.
                negated = !followedByDegree(tokens, at - back, at);
            }
            Double intensifier = lexicon.intensifier(word);
            if (intensifier == null && at - back - 1 >= 0) {
                intensifier = lexicon.intensifier(tokens.get(at - back - 1) + " " + word);
            }
            if (intensifier != null && back <= 2) {
                factor *= intensifier;
            }
        }
        return negated ? factor * NEGATION : factor;
    }

    private static boolean followedByDegree(List<String> tokens, int from, int to) {
        for (int i = from + 1; i <= to; i++) {
            if (DEGREE.contains(tokens.get(i))) {
                return true;
            }
        }
        return false;
    }

    static Label label(double score) {
        return score >= POSITIVE_FROM ? Label.POSITIVE : score <= NEGATIVE_FROM ? Label.NEGATIVE : Label.NEUTRAL;
    }

    /** The three classes an entry falls in. */
    public enum Label {
        POSITIVE, NEUTRAL, NEGATIVE
    }

    /** @param score -1..1, rounded to three decimals */
    public record SentimentScore(double score, Label label) {
    }
}
