package com.mindflow.ai.analysis.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RAKE (Rose et al., 2010): stop words and punctuation cut the text into candidate phrases; a word scores its
 * degree (how many words it co-occurs with in phrases) over its frequency, a phrase the sum of its words. Needs no
 * model and no corpus, and with a stop-word list per language works for English and Portuguese alike.
 */
public final class KeyPhraseExtractor {

    public static final int MAX_PHRASES = 8;
    private static final int MAX_WORDS = 3;

    private final Set<String> english = stopWords(Language.ENGLISH);
    private final Set<String> portuguese = stopWords(Language.PORTUGUESE);

    public List<String> extract(String text, Language language) {
        Set<String> stop = language == Language.PORTUGUESE ? portuguese : english;
        List<List<String>> candidates = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String token : Tokens.of(stripMarkdown(text))) {
            boolean breaks = Tokens.isPunctuation(token) || stop.contains(token) || token.length() < 3
                    || token.chars().allMatch(Character::isDigit);
            if (breaks || current.size() == MAX_WORDS) {
                addCandidate(candidates, current);
                current = new ArrayList<>();
            }
            if (!breaks) {
                current.add(token);
            }
        }
        addCandidate(candidates, current);

        Map<String, Integer> frequency = new HashMap<>();
        Map<String, Integer> degree = new HashMap<>();
        for (List<String> phrase : candidates) {
            for (String word : phrase) {
                frequency.merge(word, 1, Integer::sum);
                degree.merge(word, phrase.size(), Integer::sum);
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<String> phrase : candidates) {
            double score = phrase.stream().mapToDouble(w -> (double) degree.get(w) / frequency.get(w)).sum();
            // A phrase said twice is more of a theme: its occurrences add up.
            scores.merge(String.join(" ", phrase), score, Double::sum);
        }
        List<String> ranked = new ArrayList<>(scores.keySet());
        ranked.sort((a, b) -> Double.compare(scores.get(b), scores.get(a)));
        Set<String> seen = new HashSet<>();
        List<String> top = new ArrayList<>();
        for (String phrase : ranked) {
            if (top.size() == MAX_PHRASES) {
                break;
            }
            if (seen.add(phrase)) {
                top.add(phrase);
            }
        }
        return top;
    }

    private static void addCandidate(List<List<String>> candidates, List<String> phrase) {
        if (!phrase.isEmpty()) {
            candidates.add(phrase);
        }
    }

    /** Links, images and emphasis marks of Markdown are not words of the entry. */
    private static String stripMarkdown(String text) {
        return text.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("https?://\\S+", " ")
                .replaceAll("[*_`#>~]+", " ");
    }

    private static Set<String> stopWords(Language language) {
        String resource = "/keyphrases/" + language.code() + ".stopwords";
        Set<String> words = new HashSet<>();
        try (InputStream in = KeyPhraseExtractor.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                for (String word : line.strip().split("\\s+")) {
                    if (!word.isEmpty() && !word.startsWith("#")) {
                        words.add(Tokens.fold(word));
                    }
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
