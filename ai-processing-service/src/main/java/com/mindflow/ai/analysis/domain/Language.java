package com.mindflow.ai.analysis.domain;

import java.util.Locale;

/** The languages an account may choose, and so the ones the analysis understands. */
public enum Language {

    ENGLISH("en"),
    PORTUGUESE("pt");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as on the wire. */
    public String code() {
        return code;
    }

    static Language ofCode(String code) {
        for (Language language : values()) {
            if (language.code.equals(code.toLowerCase(Locale.ROOT))) {
                return language;
            }
        }
        throw new IllegalArgumentException("Unsupported language: " + code);
    }
}
