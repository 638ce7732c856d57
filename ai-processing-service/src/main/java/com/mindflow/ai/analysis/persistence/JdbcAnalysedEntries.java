package com.mindflow.ai.analysis.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.AnalysedEntries;

/**
 * {@code ai_entry_facts} and {@code ai_entry_withdrawals} of the analytics database (this service's own tables,
 * migrations analytics V9 and V11).
 */
@Component
class JdbcAnalysedEntries implements AnalysedEntries {

    private final JdbcClient jdbc;

    JdbcAnalysedEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<LocalDate> record(AnalysedEntry entry) {
        Optional<LocalDate> before = jdbc.sql("SELECT entry_date FROM ai_entry_facts WHERE journal_entry_id = :id")
                .param("id", entry.entryId()).query(LocalDate.class).optional();
        jdbc.sql("""
                INSERT INTO ai_entry_facts (journal_entry_id, user_id, entry_version, entry_date, word_count, mood,
                                            tags, weather, sentiment_score, key_phrases)
                SELECT :id, :userId, :version, :date, :words, :mood, :tags, :weather, :sentiment, :phrases
                 WHERE NOT EXISTS (SELECT 1 FROM ai_entry_withdrawals
                                    WHERE journal_entry_id = :id AND entry_version >= :version)
                ON CONFLICT (journal_entry_id) DO UPDATE SET entry_version = EXCLUDED.entry_version,
                    entry_date = EXCLUDED.entry_date, word_count = EXCLUDED.word_count, mood = EXCLUDED.mood,
                    tags = EXCLUDED.tags, weather = EXCLUDED.weather, sentiment_score = EXCLUDED.sentiment_score,
                    key_phrases = EXCLUDED.key_phrases, derived_at = now()
                 WHERE ai_entry_facts.entry_version <= EXCLUDED.entry_version
                """)
                .param("id", entry.entryId()).param("userId", entry.userId()).param("version", entry.version())
                .param("date", Date.valueOf(entry.date())).param("words", entry.words())
                .param("mood", entry.mood() == null ? null : entry.mood().wireName())
                .param("tags", array(entry.tags())).param("weather", entry.weather())
                .param("sentiment", entry.sentiment()).param("phrases", array(entry.keyPhrases()))
                .update();
        // An account that registered before this service existed has no record yet: one is made so its periods
        // are scheduled (in UTC until a profile event tells its zone).
        jdbc.sql("INSERT INTO ai_users (user_id) VALUES (:userId) ON CONFLICT DO NOTHING")
                .param("userId", entry.userId()).update();
        return before;
    }

    @Override
    public boolean superseded(UUID entryId, int version) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM ai_entry_facts WHERE journal_entry_id = :id AND entry_version > :version)
                    OR EXISTS (SELECT 1 FROM ai_entry_withdrawals
                                WHERE journal_entry_id = :id AND entry_version >= :version)
                """).param("id", entryId).param("version", version).query(Boolean.class).single();
    }

    @Override
    public Optional<Integer> withdrawnVersion(UUID entryId) {
        return jdbc.sql("SELECT entry_version FROM ai_entry_withdrawals WHERE journal_entry_id = :id")
                .param("id", entryId).query(Integer.class).optional();
    }

    @Override
    public void embedded(UUID entryId, int version) {
        jdbc.sql("""
                UPDATE ai_entry_facts SET embedded_version = :version
                 WHERE journal_entry_id = :id AND entry_version = :version
                """).param("id", entryId).param("version", version).update();
    }

    @Override
    public boolean isEmbedded(UUID entryId, int version) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM ai_entry_facts WHERE journal_entry_id = :id AND embedded_version = :version)
                """).param("id", entryId).param("version", version).query(Boolean.class).single();
    }

    @Override
    public Optional<LocalDate> remove(UUID entryId, UUID userId, int version) {
        jdbc.sql("""
                INSERT INTO ai_entry_withdrawals (journal_entry_id, user_id, entry_version)
                VALUES (:id, :userId, :version)
                ON CONFLICT (journal_entry_id) DO UPDATE
                   SET entry_version = GREATEST(ai_entry_withdrawals.entry_version, EXCLUDED.entry_version),
                       withdrawn_at = now()
                """).param("id", entryId).param("userId", userId).param("version", version).update();
        // A week outlasts any backlog or rebuild; the index keeps this a short range delete.
        jdbc.sql("DELETE FROM ai_entry_withdrawals WHERE withdrawn_at < now() - INTERVAL '7 days'").update();
        return jdbc.sql("""
                DELETE FROM ai_entry_facts WHERE journal_entry_id = :id AND entry_version <= :version
                RETURNING entry_date
                """).param("id", entryId).param("version", version).query(LocalDate.class).optional();
    }

    @Override
    public List<Removed> removeNotDerivedSince(Instant since) {
        return jdbc.sql("""
                DELETE FROM ai_entry_facts WHERE derived_at < :since
                RETURNING journal_entry_id, user_id, entry_version, entry_date
                """).param("since", Timestamp.from(since))
                .query((rs, n) -> new Removed(rs.getObject("journal_entry_id", UUID.class),
                        rs.getObject("user_id", UUID.class), rs.getInt("entry_version"),
                        rs.getObject("entry_date", LocalDate.class)))
                .list();
    }

    @Override
    public void removeAll(UUID userId) {
        jdbc.sql("DELETE FROM ai_entry_facts WHERE user_id = :id").param("id", userId).update();
    }

    @Override
    public void erase(UUID userId) {
        removeAll(userId);
        jdbc.sql("DELETE FROM ai_entry_withdrawals WHERE user_id = :id").param("id", userId).update();
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }
}
