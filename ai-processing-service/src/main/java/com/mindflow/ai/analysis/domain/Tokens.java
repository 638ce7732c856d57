package com.mindflow.ai.analysis.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splitting text into comparable words: lower case, accents folded (people type "nao" for "não"), punctuation kept apart. */
final class Tokens {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Words (with inner apostrophes and hyphens), or single punctuation marks that end a clause. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*|[.,;:!?()]");

    private Tokens() {
    }

    static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("")
                .replace('’', '\'');
    }

    /** Folded tokens; English contractions stay one token ("didn't"), which is what the negation check looks for. */
    static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        var matcher = TOKEN.matcher(fold(text));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    static boolean isPunctuation(String token) {
        return token.length() == 1 && !Character.isLetterOrDigit(token.charAt(0));
    }
}
