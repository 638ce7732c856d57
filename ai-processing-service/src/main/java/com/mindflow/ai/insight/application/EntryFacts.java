package com.mindflow.ai.insight.application;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.mindflow.ai.insight.domain.EntryFact;
import com.mindflow.ai.insight.domain.JournalHistory;

/** The analysed entries insights are drawn from: only what the AI may read, never a private entry. */
public interface EntryFacts {

    List<EntryFact> between(UUID userId, LocalDate from, LocalDate to);

    JournalHistory before(UUID userId, LocalDate date);

    /** The account's language code, {@code null} when unknown. */
    String language(UUID userId);
}
