package com.mindflow.ai.insight.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.mindflow.events.journal.Mood;

/**
 * What the analysis found in one entry the AI may read: no text, only counts, labels and key phrases. Insights are
 * computed from these alone, so a private entry (never recorded) or a withdrawn analysis (deleted) cannot reach one.
 *
 * @param mood      the mood the user chose, {@code null} without one
 * @param sentiment the analysed sentiment, -1..1
 */
public record EntryFact(UUID entryId, LocalDate date, int words, Mood mood, List<String> tags, String weather,
        double sentiment, List<String> keyPhrases) {

    public EntryFact {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(date, "date");
        tags = tags == null ? List.of() : List.copyOf(tags);
        keyPhrases = keyPhrases == null ? List.of() : List.copyOf(keyPhrases);
    }

    /** How the day felt: the user's own mood when given (their word beats the analyser's), else the sentiment. */
    public double feeling() {
        return mood != null ? mood.score() : sentiment;
    }
}
