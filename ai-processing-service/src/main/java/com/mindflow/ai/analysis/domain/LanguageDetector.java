package com.mindflow.ai.analysis.domain;

import java.util.List;
import java.util.Set;

/**
 * English or Portuguese, by counting each language's most frequent function words (and the letters only Portuguese
 * writes). Journal entries are short and informal, where function words are the most reliable signal; a tie (an
 * entry of names and numbers) goes to the account's language when known, else English.
 */
public final class LanguageDetector {

    private static final Set<String> ENGLISH = Set.of("the", "and", "i", "to", "a", "of", "was", "is", "it", "in",
            "my", "me", "that", "for", "with", "but", "not", "so", "today", "this", "had", "have", "at", "on", "were",
            "be", "felt", "feel", "we", "what", "did", "didn't", "just", "very", "really", "after", "all", "too",
            "again", "an", "are", "about", "day", "she", "he", "they", "you", "her", "his", "no", "never", "been",
            "from", "finally", "still", "could", "would", "much", "got", "went", "when");
    private static final Set<String> PORTUGUESE = Set.of("o", "os", "as", "e", "de", "do", "da", "dos", "das", "que",
            "nao", "um", "uma", "com", "para", "por", "eu", "foi", "estou", "estava", "muito", "mas", "meu", "minha",
            "hoje", "no", "na", "nos", "em", "se", "me", "isso", "esta", "tao", "mais", "dia", "ele", "ela", "fiquei",
            "tive", "sem", "nunca", "nem", "ao", "pela", "pelo", "tudo", "ainda", "depois", "bem", "sinto", "senti",
            "ja", "ter", "a", "sou", "pelos", "meus", "nesta", "neste", "outra", "vez", "seu", "sua", "este", "fui", "voltei", "acho", "consegui", "tambem", "quase");

    public Language detect(String text, Language fallback) {
        List<String> tokens = Tokens.of(text);
        int english = 0;
        int portuguese = 0;
        for (String token : tokens) {
            // "no" and "me" are words in both languages: they count for both, so they decide nothing.
            if (ENGLISH.contains(token)) {
                english++;
            }
            if (PORTUGUESE.contains(token)) {
                portuguese++;
            }
            // Spelling gives away a content word too: "th", "w", "k" and "y" are (nearly) never Portuguese, while
            // "nh", "lh" and the past-tense endings "-ei", "-ou", "-eu" (limpei, abriu, correu) are rarely English.
            if (token.contains("th") || token.indexOf('w') >= 0 || token.indexOf('k') >= 0 || token.indexOf('y') >= 0) {
                english++;
            }
            else if (token.contains("nh") || token.contains("lh") || token.length() > 3 && (token.endsWith("ei")
                    || token.endsWith("ou") || token.endsWith("eu") || token.endsWith("iu"))) {
                portuguese++;
            }
        }
        portuguese += (int) text.chars().filter(c -> "ãõçâêôáéíóúà".indexOf(Character.toLowerCase(c)) >= 0).count();
        if (english == portuguese) {
            return fallback;
        }
        return portuguese > english ? Language.PORTUGUESE : Language.ENGLISH;
    }
}
