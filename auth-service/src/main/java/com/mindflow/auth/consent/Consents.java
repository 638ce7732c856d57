package com.mindflow.auth.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mindflow.support.security.UserId;

/** Every user's row of {@code user_gdpr_consent}. */
@Repository
public class Consents {

    private final JdbcClient jdbc;

    Consents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(UserId user, Consent consent) {
        jdbc.sql("""
                INSERT INTO user_gdpr_consent (user_id, terms_accepted_at, terms_version, privacy_policy_accepted_at,
                       privacy_policy_version, data_processing_consent, marketing_consent, consent_ip_address,
                       consent_user_agent, created_at, updated_at)
                VALUES (:user, :termsAt, :terms, :privacyAt, :privacy, :processing, :marketing,
                        CAST(:ip AS inet), :agent, :now, :now)
                """)
                .param("user", user.value())
                .params(params(consent))
                .update();
    }

    public Optional<Consent> of(UserId user) {
        return jdbc.sql(select("")).param("user", user.value()).query(Consents::map).optional();
    }

    Optional<Consent> lockOf(UserId user) {
        return jdbc.sql(select(" FOR UPDATE")).param("user", user.value()).query(Consents::map).optional();
    }

    void save(UserId user, Consent consent) {
        jdbc.sql("""
                UPDATE user_gdpr_consent SET terms_accepted_at = :termsAt, terms_version = :terms,
                       privacy_policy_accepted_at = :privacyAt, privacy_policy_version = :privacy,
                       data_processing_consent = :processing, marketing_consent = :marketing,
                       consent_ip_address = CAST(:ip AS inet), consent_user_agent = :agent, updated_at = :now
                 WHERE user_id = :user
                """)
                .param("user", user.value())
                .params(params(consent))
                .update();
    }

    private static java.util.Map<String, Object> params(Consent c) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("termsAt", Timestamp.from(c.termsAcceptedAt()));
        p.put("terms", c.termsVersion());
        p.put("privacyAt", Timestamp.from(c.privacyPolicyAcceptedAt()));
        p.put("privacy", c.privacyPolicyVersion());
        p.put("processing", c.dataProcessingConsent());
        p.put("marketing", c.marketingConsent());
        p.put("ip", c.consentIpAddress());
        p.put("agent", c.consentUserAgent());
        p.put("now", Timestamp.from(c.updatedAt()));
        return p;
    }

    private static String select(String suffix) {
        return """
                SELECT terms_version, terms_accepted_at, privacy_policy_version, privacy_policy_accepted_at,
                       data_processing_consent, marketing_consent, host(consent_ip_address) AS ip,
                       consent_user_agent, updated_at
                  FROM user_gdpr_consent WHERE user_id = :user""" + suffix;
    }

    private static Consent map(ResultSet rs, int row) throws SQLException {
        return new Consent(rs.getString("terms_version"), rs.getTimestamp("terms_accepted_at").toInstant(),
                rs.getString("privacy_policy_version"), rs.getTimestamp("privacy_policy_accepted_at").toInstant(),
                rs.getBoolean("data_processing_consent"), rs.getBoolean("marketing_consent"), rs.getString("ip"),
                rs.getString("consent_user_agent"), rs.getTimestamp("updated_at").toInstant());
    }
}
