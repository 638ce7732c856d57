package com.mindflow.support.readside;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts an entry into the passages semantic search embeds (ai-processing-service chunks with it; tests seeding
 * {@link JournalChunkIndex} do the same): whole sentences, at most {@link #MAX_WORDS} words each (the model reads
 * 128 word pieces well; longer text would be truncated), the title leading the first. Markdown syntax is dropped so the
 * model sees prose. Plain regular expressions without nested quantifiers: linear on any input.
 */
public final class JournalChunker {

    public static final int MAX_WORDS = 90;
    /** More would be a book: the rest of a very long entry is not embedded (search still finds it by keyword). */
    public static final int MAX_CHUNKS = 40;

    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]\\n]{0,200}\\]\\([^)\\n]{0,500}\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]{0,200})\\]\\([^)\\n]{0,500}\\)");
    private static final Pattern SYNTAX = Pattern.compile("[#*_`>|~]+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+|\\n{2,}");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    public List<String> chunks(String title, String markdown) {
        String text = SYNTAX.matcher(LINK.matcher(IMAGE.matcher(markdown == null ? "" : markdown).replaceAll(" "))
                .replaceAll("$1")).replaceAll(" ");
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder(title == null || title.isBlank() ? "" : title.strip() + ". ");
        int words = count(current);
        for (String sentence : SENTENCE_END.split(text)) {
            String clean = SPACE.matcher(sentence).replaceAll(" ").strip();
            if (clean.isEmpty()) {
                continue;
            }
            String[] sentenceWords = clean.split(" ");
            if (words > 0 && words + sentenceWords.length > MAX_WORDS) {
                chunks.add(current.toString().strip());
                current.setLength(0);
                words = 0;
            }
            // A single sentence longer than a chunk is cut at the word limit.
            for (int from = 0; from < sentenceWords.length; from += MAX_WORDS) {
                int to = Math.min(sentenceWords.length, from + MAX_WORDS);
                if (from > 0) {
                    chunks.add(current.toString().strip());
                    current.setLength(0);
                    words = 0;
                }
                current.append(String.join(" ", java.util.Arrays.copyOfRange(sentenceWords, from, to))).append(' ');
                words += to - from;
            }
            if (chunks.size() >= MAX_CHUNKS) {
                break;
            }
        }
        if (words > 0) {
            chunks.add(current.toString().strip());
        }
        // A passage of emoji or symbols only has nothing the model can embed (it would refuse it).
        chunks.removeIf(chunk -> !JournalChunkIndex.embeddable(chunk));
        return chunks.size() > MAX_CHUNKS ? chunks.subList(0, MAX_CHUNKS) : chunks;
    }

    private static int count(CharSequence text) {
        String s = text.toString().strip();
        return s.isEmpty() ? 0 : s.split(" ").length;
    }
}
