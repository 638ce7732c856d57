package com.mindflow.ai.analysis.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One language's sentiment words, read from {@code /sentiment/<code>.lexicon} on the classpath (written for
 * MindFlow, see the file's header). Valences run -4..+4 as in VADER; entries may be phrases of up to four words
 * ("could have been worse"). Besides the words: negators, intensifiers (a factor on the next sentiment word) and
 * contrast words ("but" / "mas": what follows weighs more than what came before).
 */
final class Lexicon {

    static final int LONGEST_PHRASE = 4;

    private final Map<String, Double> valences = new HashMap<>();
    private final Map<String, Double> intensifiers = new HashMap<>();
    private final Set<String> negators = new HashSet<>();
    private final Set<String> contrasts = new HashSet<>();
    private final boolean portuguese;

    private Lexicon(boolean portuguese) {
        this.portuguese = portuguese;
    }

    static Lexicon of(Language language) {
        Lexicon lexicon = new Lexicon(language == Language.PORTUGUESE);
        String resource = "/sentiment/" + language.code() + ".lexicon";
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                lexicon.read(line.strip(), resource);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lexicon;
    }

    private void read(String line, String resource) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String[] fields = line.split("\t");
        String words = Tokens.fold(fields[fields.length == 1 ? 0 : fields[0].startsWith("@") ? 1 : 0]).strip();
        switch (fields[0]) {
            case "@negator" -> negators.add(words);
            case "@contrast" -> contrasts.add(words);
            case "@intensifier" -> intensifiers.put(words, Double.parseDouble(fields[2]));
            default -> {
                if (fields.length != 2) {
                    throw new IllegalStateException(resource + ": not 'word<TAB>valence': " + line);
                }
                valences.put(words, Double.parseDouble(fields[1]));
            }
        }
    }

    /** The valence of a word or phrase, trying the plain forms of inflected words the file lists once. */
    Double valence(String words) {
        Double valence = valences.get(words);
        if (valence != null || words.indexOf(' ') >= 0) {
            return valence;
        }
        for (String form : baseForms(words)) {
            valence = valences.get(form);
            if (valence != null) {
                return valence;
            }
        }
        return null;
    }

    /** Plural and gender (Portuguese) or plural and past/progressive (English) endings, most likely first. */
    private String[] baseForms(String word) {
        if (portuguese) {
            return new String[] {strip(word, "s"), replaceEnd(word, "as", "o"), replaceEnd(word, "a", "o"),
                    replaceEnd(word, "es", ""), replaceEnd(word, "inho", "o"), replaceEnd(word, "inha", "o")};
        }
        return new String[] {strip(word, "s"), strip(word, "es"), strip(word, "ed"), strip(word, "d"),
                strip(word, "ing"), replaceEnd(word, "ing", "e"), replaceEnd(word, "ily", "y"), strip(word, "ly"),
                replaceEnd(word, "ied", "y"), replaceEnd(word, "ies", "y")};
    }

    private static String strip(String word, String ending) {
        return replaceEnd(word, ending, "");
    }

    private static String replaceEnd(String word, String ending, String replacement) {
        return word.length() > ending.length() + 2 && word.endsWith(ending)
                ? word.substring(0, word.length() - ending.length()) + replacement : "";
    }

    boolean isNegator(String word) {
        return negators.contains(word) || !portuguese && word.endsWith("n't");
    }

    boolean isContrast(String word) {
        return contrasts.contains(word);
    }

    /** The factor an intensifier ("very" 1.3, "a bit" 0.7) puts on the sentiment word after it, or null. */
    Double intensifier(String words) {
        return intensifiers.get(words);
    }
}
