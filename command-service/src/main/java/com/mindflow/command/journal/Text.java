package com.mindflow.command.journal;

import java.util.regex.Pattern;

/** Word count and reading time of Markdown content, computed by the server so clients cannot disagree. */
final class Text {

    /** Average adult silent reading speed; the seed stores reading time in seconds. */
    static final int WORDS_PER_MINUTE = 200;

    private static final Pattern MARKUP = Pattern.compile("[#>*_`~\\[\\]()!|-]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Text() {
    }

    static int wordCount(String markdown) {
        String plain = MARKUP.matcher(markdown).replaceAll(" ").strip();
        if (plain.isEmpty()) {
            return 0;
        }
        return WHITESPACE.split(plain).length;
    }

    static int readingTimeSeconds(int words) {
        return (int) Math.ceil(words * 60.0 / WORDS_PER_MINUTE);
    }
}
