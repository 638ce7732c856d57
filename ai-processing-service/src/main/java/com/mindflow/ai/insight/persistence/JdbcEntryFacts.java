package com.mindflow.ai.insight.persistence;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.ai.insight.application.EntryFacts;
import com.mindflow.ai.insight.domain.EntryFact;
import com.mindflow.ai.insight.domain.JournalHistory;
import com.mindflow.events.journal.Mood;

/** Reads {@code ai_entry_facts}, which the analysis writes: the only journal data an insight is made from. */
@Component
class JdbcEntryFacts implements EntryFacts {

    private final JdbcClient jdbc;

    JdbcEntryFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<EntryFact> between(UUID userId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT journal_entry_id, entry_date, word_count, mood, tags, weather, sentiment_score, key_phrases
                  FROM ai_entry_facts WHERE user_id = :userId AND entry_date BETWEEN :from AND :to
                 ORDER BY entry_date, journal_entry_id
                """).param("userId", userId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query(JdbcEntryFacts::fact).list();
    }

    @Override
    public JournalHistory before(UUID userId, LocalDate date) {
        return jdbc.sql("""
                SELECT count(*), coalesce(sum(word_count), 0) FROM ai_entry_facts
                 WHERE user_id = :userId AND entry_date < :date
                """).param("userId", userId).param("date", Date.valueOf(date))
                .query((rs, n) -> new JournalHistory(rs.getLong(1), rs.getLong(2))).single();
    }

    @Override
    public String language(UUID userId) {
        return jdbc.sql("SELECT language FROM ai_users WHERE user_id = :userId").param("userId", userId)
                .query(String.class).optional().orElse(null);
    }

    private static EntryFact fact(ResultSet rs, int row) throws SQLException {
        String mood = rs.getString("mood");
        return new EntryFact(rs.getObject("journal_entry_id", UUID.class), rs.getObject("entry_date", LocalDate.class),
                rs.getInt("word_count"), mood == null ? null : Mood.fromWireName(mood), strings(rs.getArray("tags")),
                rs.getString("weather"), rs.getDouble("sentiment_score"), strings(rs.getArray("key_phrases")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
