package com.mindflow.query.journal;

/** The descriptions the API docs give the fields a listed entry and a full entry share: written once. */
final class EntryDocs {

    static final String DATE = "The day the entry is about (ISO-8601 date).";
    static final String CONTENT = "The entry's text (Markdown).";
    static final String MOOD = "How the author felt: `ecstatic`, `happy`, `neutral`, `sad`, `anxious` or `angry`; "
            + "null for none.";
    static final String WORD_COUNT = "Words in `content`.";
    static final String READING_TIME = "Estimated seconds to read `content`.";
    static final String PRIVATE = "Whether the entry is kept out of AI analysis and semantic search.";
    static final String VERSION = "The entry's version, raised by every write; also the ETag, for `If-Match`.";

    private EntryDocs() {
    }
}
