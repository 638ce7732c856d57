package com.mindflow.auth.mail;

/**
 * Text into HTML. Everything that goes into an HTML mail part passes through here, the insight's own words too: a
 * theme named {@code <b>} must show as typed, never become markup (or a link) in the user's mail client.
 */
public final class Html {

    private Html() {
    }

    /** The text with {@code & < > " '} as character references; safe in element content and quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
