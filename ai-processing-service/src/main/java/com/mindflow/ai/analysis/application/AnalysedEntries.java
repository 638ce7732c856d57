package com.mindflow.ai.analysis.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.mindflow.events.journal.Mood;

/**
 * The findings of every entry the AI may read ({@code ai_entry_facts}), which insights are computed from: written
 * when an entry is analysed, deleted the moment its analysis is withdrawn, and the version withdrawn remembered
 * ({@code ai_entry_withdrawals}) so that no consumer reading an older version later derives anything from it again.
 */
public interface AnalysedEntries {

    /** One analysed entry version: counts, labels and key phrases, never its text. */
    record AnalysedEntry(UUID entryId, UUID userId, int version, LocalDate date, int words, Mood mood,
            List<String> tags, String weather, double sentiment, List<String> keyPhrases) {
    }

    /**
     * Keeps {@code entry} unless a newer version is recorded or this one was withdrawn; returns the date the entry had
     * before, if any (an edit may move it to another day, and insights of both days change).
     */
    Optional<LocalDate> record(AnalysedEntry entry);

    /**
     * Whether {@code version} of the entry is overtaken: findings of a newer version are kept, or this version or a
     * newer one was withdrawn (deleted, made private). Nothing is derived from such a version any more.
     */
    boolean superseded(UUID entryId, int version);

    /** The last version of the entry whose findings were withdrawn (deleted, made private), if any. */
    Optional<Integer> withdrawnVersion(UUID entryId);

    /** The entry's passages of {@code version} are published (if its findings are of that version). */
    void embedded(UUID entryId, int version);

    /** Whether the passages of {@code version} of the entry were published. */
    boolean isEmbedded(UUID entryId, int version);

    /**
     * Forgets the entry (up to {@code version}) and remembers that version as withdrawn; returns the date it had,
     * empty when nothing was recorded.
     */
    Optional<LocalDate> remove(UUID entryId, UUID userId, int version);

    /** An entry whose findings were forgotten. */
    record Removed(UUID entryId, UUID userId, int version, LocalDate date) {
    }

    /** Forgets every entry whose findings were last derived before {@code since}; returns them. */
    List<Removed> removeNotDerivedSince(Instant since);

    /** Forgets every entry of the user (private mode, consent withdrawn); the account's gate keeps them out. */
    void removeAll(UUID userId);

    /** Forgets every entry of an erased user, and which of their versions were withdrawn. */
    void erase(UUID userId);
}
