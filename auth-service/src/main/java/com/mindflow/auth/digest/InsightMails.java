package com.mindflow.auth.digest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code insight_mails}: which insights have been mailed, the claim that makes each one go out at most once. */
@Repository
class InsightMails {

    private final JdbcClient jdbc;

    InsightMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the insight's mail; committed at once (no surrounding transaction), so a second instance or a
     * redelivery sees it. @return false when it was claimed before, or the account is gone
     */
    boolean claim(UUID insightId, UUID userId, String kind, Instant now) {
        try {
            return jdbc.sql("""
                    INSERT INTO insight_mails (insight_id, user_id, kind, sent_at)
                    VALUES (:insight, :user, :kind, :now)
                    ON CONFLICT (insight_id) DO NOTHING
                    """)
                    .param("insight", insightId)
                    .param("user", userId)
                    .param("kind", kind)
                    .param("now", Timestamp.from(now))
                    .update() == 1;
        }
        catch (DataIntegrityViolationException erasedMeanwhile) {
            return false; // the account was erased after it was found active: no mail
        }
    }

    /** Gives the claim back after the SMTP server refused the mail, so a redelivery may try again. */
    void release(UUID insightId) {
        jdbc.sql("DELETE FROM insight_mails WHERE insight_id = :insight").param("insight", insightId).update();
    }
}
