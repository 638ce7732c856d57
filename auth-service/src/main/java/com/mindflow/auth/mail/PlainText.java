package com.mindflow.auth.mail;

import java.util.regex.Pattern;

/**
 * A display name as mail text. Anyone can register any address with any display name, so the name in a
 * verification mail is the one part of it that a stranger wrote: it must stay one line and must never be something
 * a mail client turns into a link ({@code http://…}, {@code www.…}, {@code evil.example}, {@code a@b}). Rather than
 * guess how each client linkifies a disguised host, a name that looks like any of these is left out of the mail.
 */
public final class PlainText {

    /** Line breaks, control characters and bidi overrides (which can make text read in another order). */
    private static final Pattern UNPRINTABLE = Pattern.compile(
            "[\\p{Cc}\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A dot, also the ideographic ones that IDNA reads as dots. */
    private static final String DOT = "[.\\u3002\\uFF0E\\uFF61]";
    /** A scheme (with // or a known one), www., an @ (also full-width), or a dot inside a word, as in a host. */
    private static final Pattern LINKISH = Pattern.compile("(?i)[a-z][a-z0-9+.-]*:/"
            + "|\\b(?:https?|ftp|mailto|tel|sms|javascript|data|file):"
            + "|www" + DOT + "|[@\\uFF20]|[^\\s.]" + DOT + "[\\p{L}\\p{N}]{2}");

    private PlainText() {
    }

    /** @return the name as one plain line, or null when it is empty or could be taken for a link or address */
    public static String displayName(String name) {
        if (name == null) {
            return null;
        }
        String line = SPACES.matcher(UNPRINTABLE.matcher(name).replaceAll(" ")).replaceAll(" ").strip();
        return line.isEmpty() || LINKISH.matcher(line).find() ? null : line;
    }

    /** "Hello Ana," or, without a name that can be shown, "Hello,". */
    public static String greeting(String name) {
        String shown = displayName(name);
        return shown == null ? "Hello," : "Hello " + shown + ",";
    }
}
