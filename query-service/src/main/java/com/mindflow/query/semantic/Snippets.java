package com.mindflow.query.semantic;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sentence shown with a semantic or hybrid hit: the one of the matched passage that shares the most words with
 * the query (accents and case ignored, common English and Portuguese endings stripped), else the passage's first
 * sentence.
 *
 * <p>Lexical on purpose. Scoring every sentence of every hit on a page with the model cost query-service about 35 ms
 * of CPU per search (StackBenchmark semantic-search, 8 clients: p99 468 ms); the passage itself was already chosen
 * by meaning, and a paraphrase that shares no word is shown by its opening, which is where a journal passage states
 * what it is about. "Ask my journal" still picks its quoted sentences by meaning: it quotes few passages.
 */
final class Snippets {

    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Endings stripped before comparing, longest first: "chased" and "chasing" are both "chas". */
    private static final List<String> ENDINGS = List.of("mente", "ando", "endo", "indo", "ados", "adas", "ing",
            "ies", "ado", "ada", "ed", "es", "ly", "s");
    /** Words too common in either language to say what a sentence is about. */
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "that", "this", "was", "were", "are",
            "have", "had", "has", "but", "not", "you", "your", "from", "about", "what", "when", "how", "did", "does",
            "into", "them", "they", "she", "her", "his", "him", "its", "our", "out", "all", "any", "who", "why",
            "que", "para", "com", "uma", "por", "mais", "como", "mas", "foi", "era", "meu", "minha", "sobre", "quando",
            "isso", "esta", "este", "essa", "esse", "dos", "das", "nos", "nas", "ela", "ele", "seu", "sua");

    private Snippets() {
    }

    /** The sentence to show; {@code null} when there is no passage to take it from. */
    static String of(String passage, int chunkIndex, String title, String query) {
        if (passage == null) {
            return null;
        }
        List<String> sentences = Sentences.of(passage, chunkIndex, title);
        if (sentences.isEmpty()) {
            return null;
        }
        Set<String> wanted = words(query == null ? "" : query);
        String best = sentences.getFirst();
        int bestScore = 0;
        for (String sentence : sentences) {
            int score = shared(wanted, words(sentence));
            if (score > bestScore) {
                bestScore = score;
                best = sentence;
            }
        }
        return best;
    }

    /** How many of {@code wanted} the sentence has, each counted once. */
    private static int shared(Set<String> wanted, Set<String> words) {
        int count = 0;
        for (String w : wanted) {
            if (words.contains(w)) {
                count++;
            }
        }
        return count;
    }

    private static String stem(String word) {
        for (String ending : ENDINGS) {
            if (word.endsWith(ending) && word.length() - ending.length() >= 3) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    private static Set<String> words(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_A_WORD.split(folded)) {
            if (word.length() >= 3 && !STOP.contains(word)) {
                words.add(stem(word));
            }
        }
        return words;
    }
}
