package com.mindflow.projection.readmodel;

import java.sql.Timestamp;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/**
 * {@code journal_entry_analyses} (read V5): the latest analysis of each entry, for {@code GET /api/journals/{id}}.
 * Version-guarded both ways: an analysis older than the one held, or not newer than a withdrawal, changes nothing.
 */
@Component
class JournalAnalyses {

    private final JdbcClient jdbc;

    JournalAnalyses(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void analysed(JournalEntryAnalysed a) {
        jdbc.sql("""
                INSERT INTO journal_entry_analyses (journal_entry_id, user_id, entry_version, withdrawn, sentiment_score,
                                                    sentiment_label, key_phrases, language, analysed_at)
                VALUES (:entryId, :userId, :version, FALSE, :score, :label, CAST(:phrases AS text[]), :language, :at)
                ON CONFLICT (journal_entry_id) DO UPDATE
                   SET entry_version = EXCLUDED.entry_version, withdrawn = FALSE,
                       sentiment_score = EXCLUDED.sentiment_score, sentiment_label = EXCLUDED.sentiment_label,
                       key_phrases = EXCLUDED.key_phrases, language = EXCLUDED.language,
                       analysed_at = EXCLUDED.analysed_at
                 WHERE journal_entry_analyses.entry_version < EXCLUDED.entry_version
                    OR (journal_entry_analyses.entry_version = EXCLUDED.entry_version
                        AND NOT journal_entry_analyses.withdrawn)
                """)
                .param("entryId", a.entryId()).param("userId", a.userId()).param("version", a.entryVersion())
                .param("score", a.sentimentScore()).param("label", a.sentiment().wireName())
                .param("phrases", textArray(a))
                .param("language", a.language()).param("at", Timestamp.from(a.analysedAt()))
                .update();
    }

    /** Keeps only the id, user and version (a tombstone), so a stale analysis arriving later is recognised. */
    void withdrawn(UUID entryId, UUID userId, int version) {
        jdbc.sql("""
                INSERT INTO journal_entry_analyses (journal_entry_id, user_id, entry_version, withdrawn)
                VALUES (:entryId, :userId, :version, TRUE)
                ON CONFLICT (journal_entry_id) DO UPDATE
                   SET entry_version = GREATEST(journal_entry_analyses.entry_version, EXCLUDED.entry_version),
                       withdrawn = TRUE, sentiment_score = NULL, sentiment_label = NULL, key_phrases = NULL,
                       language = NULL, analysed_at = NULL
                """).param("entryId", entryId).param("userId", userId).param("version", version).update();
    }

    /** Private mode on, or the account erased: none of the user's analyses stays. */
    void removeUser(UUID userId) {
        jdbc.sql("DELETE FROM journal_entry_analyses WHERE user_id = :userId").param("userId", userId).update();
    }

    private static String textArray(JournalEntryAnalysed a) {
        return "{" + String.join(",", a.keyPhrases().stream()
                .map(p -> "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList()) + "}";
    }
}
