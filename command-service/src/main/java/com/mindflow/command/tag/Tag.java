package com.mindflow.command.tag;

import java.util.Locale;

/**
 * The rules of a tag name. A name is stored once in {@code tags} and shared by every entry that uses it; the journal's
 * repository writes both the names and the entries' links to them.
 */
public final class Tag {

    public static final int MAX_LENGTH = 50;

    private Tag() {
    }

    /** Trimmed and lower-cased, as the seed's {@code check_tag_name} demands. */
    public static String normalize(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }
}
