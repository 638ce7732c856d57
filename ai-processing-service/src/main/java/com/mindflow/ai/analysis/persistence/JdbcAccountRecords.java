package com.mindflow.ai.analysis.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.ai.analysis.application.AccountRecords;

/** {@code ai_users} of the analytics database (this service's own table, migration analytics V8). */
@Component
class JdbcAccountRecords implements AccountRecords {

    private final JdbcClient jdbc;

    JdbcAccountRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Account> find(UUID userId) {
        return jdbc.sql("""
                SELECT private_mode, language, erased_at IS NOT NULL AS erased, processing_consent
                  FROM ai_users WHERE user_id = :id
                """)
                .param("id", userId)
                .query((rs, n) -> new Account(rs.getBoolean("private_mode"), rs.getString("language"),
                        rs.getBoolean("erased"), rs.getBoolean("processing_consent")))
                .optional();
    }

    @Override
    public boolean privateMode(UUID userId, boolean privateMode, Instant at) {
        // Changed only when the recorded settings are older and say otherwise: a redelivery changes nothing.
        return jdbc.sql("""
                INSERT INTO ai_users (user_id, private_mode, settings_at) VALUES (:id, :privateMode, :at)
                ON CONFLICT (user_id) DO UPDATE SET private_mode = EXCLUDED.private_mode, settings_at = EXCLUDED.settings_at
                 WHERE (ai_users.settings_at IS NULL OR ai_users.settings_at < EXCLUDED.settings_at)
                   AND ai_users.private_mode IS DISTINCT FROM EXCLUDED.private_mode
                """)
                .param("id", userId).param("privateMode", privateMode).param("at", Timestamp.from(at))
                .update() == 1 | period(userId, "private_mode", privateMode, at);
    }

    /** Opens a period when excluded (none open yet), closes the open one otherwise; true when either happened. */
    private boolean period(UUID userId, String reason, boolean excluded, Instant at) {
        if (excluded) {
            return jdbc.sql("""
                    INSERT INTO ai_exclusions (user_id, reason, from_at)
                    SELECT :id, :reason, :at
                     WHERE NOT EXISTS (SELECT 1 FROM ai_exclusions -- a redelivered older event opens nothing
                                        WHERE user_id = :id AND reason = :reason AND coalesce(to_at, from_at) >= :at)
                    ON CONFLICT DO NOTHING
                    """).param("id", userId).param("reason", reason).param("at", Timestamp.from(at)).update() == 1;
        }
        return jdbc.sql("""
                UPDATE ai_exclusions SET to_at = :at
                 WHERE user_id = :id AND reason = :reason AND to_at IS NULL AND from_at <= :at
                """).param("id", userId).param("reason", reason).param("at", Timestamp.from(at)).update() == 1;
    }

    @Override
    public boolean excludedAt(UUID userId, Instant at) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM ai_exclusions
                                WHERE user_id = :id AND from_at <= :at AND (to_at IS NULL OR to_at > :at))
                """).param("id", userId).param("at", Timestamp.from(at)).query(Boolean.class).single();
    }

    @Override
    public boolean processingConsent(UUID userId, boolean consent, Instant at) {
        return jdbc.sql("""
                INSERT INTO ai_users (user_id, processing_consent, consent_at) VALUES (:id, :consent, :at)
                ON CONFLICT (user_id) DO UPDATE SET processing_consent = EXCLUDED.processing_consent,
                                                    consent_at = EXCLUDED.consent_at
                 WHERE (ai_users.consent_at IS NULL OR ai_users.consent_at < EXCLUDED.consent_at)
                   AND ai_users.processing_consent IS DISTINCT FROM EXCLUDED.processing_consent
                """)
                .param("id", userId).param("consent", consent).param("at", Timestamp.from(at))
                .update() == 1 | period(userId, "no_consent", !consent, at);
    }

    @Override
    public void profile(UUID userId, String language, String timezone) {
        jdbc.sql("""
                INSERT INTO ai_users (user_id, language, timezone) VALUES (:id, :language, :timezone)
                ON CONFLICT (user_id) DO UPDATE SET language = EXCLUDED.language, timezone = EXCLUDED.timezone
                 WHERE ai_users.erased_at IS NULL
                """).param("id", userId).param("language", language).param("timezone", timezone).update();
    }

    @Override
    public void erased(UUID userId, Instant at) {
        // Only the id and the fact stay, so late events of the account are recognised and dropped.
        jdbc.sql("""
                INSERT INTO ai_users (user_id, private_mode, erased_at) VALUES (:id, TRUE, :at)
                ON CONFLICT (user_id) DO UPDATE SET private_mode = TRUE, language = NULL, timezone = NULL,
                    erased_at = COALESCE(ai_users.erased_at, EXCLUDED.erased_at)
                """).param("id", userId).param("at", Timestamp.from(at)).update();
        jdbc.sql("DELETE FROM ai_exclusions WHERE user_id = :id").param("id", userId).update();
    }
}
