package com.mindflow.ai.insight.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.ai.insight.application.ThemeFeedback;

/** {@code ai_theme_feedback} of the analytics database (this service's own table, migration analytics V9). */
@Component
class JdbcThemeFeedback implements ThemeFeedback {

    private final JdbcClient jdbc;

    JdbcThemeFeedback(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reject(UUID userId, String theme, Instant at) {
        jdbc.sql("""
                INSERT INTO ai_theme_feedback (user_id, theme, given_at) VALUES (:userId, :theme, :at)
                ON CONFLICT (user_id, theme) DO NOTHING
                """).param("userId", userId).param("theme", theme).param("at", Timestamp.from(at)).update();
    }

    @Override
    public Set<String> rejected(UUID userId) {
        return new HashSet<>(jdbc.sql("SELECT theme FROM ai_theme_feedback WHERE user_id = :userId")
                .param("userId", userId).query(String.class).list());
    }

    @Override
    public void removeAll(UUID userId) {
        jdbc.sql("DELETE FROM ai_theme_feedback WHERE user_id = :userId").param("userId", userId).update();
    }
}
