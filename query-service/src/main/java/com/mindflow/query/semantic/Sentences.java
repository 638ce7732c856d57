package com.mindflow.query.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a chunk's text into its sentences, as ai-processing-service's chunker cut the entry (at {@code .!?…} followed
 * by white space). The title that leads an entry's first chunk is not a sentence the author wrote in the entry: it is
 * left out when the chunk has other sentences. Plain regular expressions without nested quantifiers: linear on any
 * input.
 */
final class Sentences {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+|\\n{2,}");
    private static final Pattern LEADING_STOPS = Pattern.compile("^[.\\s]+");

    private Sentences() {
    }

    static List<String> of(String chunkText, int chunkIndex, String title) {
        String text = chunkText == null ? "" : chunkText.strip();
        if (chunkIndex == 0 && title != null && !title.isBlank() && text.startsWith(title.strip())) {
            String rest = LEADING_STOPS.matcher(text.substring(title.strip().length())).replaceFirst("");
            if (!rest.isBlank()) {
                text = rest;
            }
        }
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text)) {
            String clean = sentence.strip();
            if (!clean.isEmpty()) {
                sentences.add(clean);
            }
        }
        return sentences;
    }
}
