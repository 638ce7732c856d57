package com.mindflow.query.stats;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/** Stats columns of {@code user_profile_view}. */
@Component
class ProfileStats {

    private final JdbcClient jdbc;

    ProfileStats(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    WritingStats of(UUID userId) {
        return jdbc.sql("""
                SELECT current_streak, longest_streak, total_entries, total_words, avg_words_per_entry,
                       last_entry_date
                FROM user_profile_view WHERE id = :userId""")
                .param("userId", userId)
                .query((rs, row) -> {
                    int current = rs.getInt("current_streak");
                    LocalDate last = rs.getObject("last_entry_date", LocalDate.class);
                    int entries = rs.getInt("total_entries");
                    int words = rs.getInt("total_words");
                    int average = rs.getInt("avg_words_per_entry");
                    if (average == 0 && entries > 0) {
                        average = Math.round((float) words / entries);
                    }
                    return new WritingStats(current, rs.getInt("longest_streak"),
                            current > 0 && last != null ? last.minusDays(current - 1L) : null, entries, words,
                            average, last);
                })
                .optional()
                .orElse(WritingStats.NONE);
    }
}
