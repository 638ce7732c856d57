package com.mindflow.command.journal.web;

/**
 * Reads the entry version out of an If-Match header: {@code "3"} (the ETag as sent), {@code 3} (unquoted, as many
 * clients send it) or {@code W/"3"}. A list or {@code *} names no single version.
 */
final class IfMatch {

    private IfMatch() {
    }

    /** The version, or {@code null} when the header names none. */
    static Integer version(String header) {
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.parseInt(value);
    }
}
