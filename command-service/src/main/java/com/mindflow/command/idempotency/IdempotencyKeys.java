package com.mindflow.command.idempotency;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code idempotency_keys}: one row per user and key. Each statement commits on its own, outside the request's
 * transaction, so that a concurrent retry sees the claim at once.
 */
@Component
public class IdempotencyKeys {

    private final JdbcClient jdbc;
    private final IdempotencySettings settings;

    IdempotencyKeys(JdbcClient jdbc, IdempotencySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Claims the key for a first attempt; false when a row already holds it. */
    boolean claim(UUID user, String key, String fingerprint) {
        return jdbc.sql("""
                INSERT INTO idempotency_keys (user_id, key, request_hash, expires_at)
                VALUES (:user, :key, :hash, now() + make_interval(secs => :ttl))
                ON CONFLICT (user_id, key) DO NOTHING
                """)
                .param("user", user).param("key", key).param("hash", fingerprint)
                .param("ttl", settings.ttl().toSeconds())
                .update() == 1;
    }

    Optional<Stored> find(UUID user, String key) {
        return jdbc.sql("""
                SELECT request_hash, response_status, response_body::text,
                       expires_at <= now() AS expired,
                       response_status IS NULL AND created_at < now() - make_interval(secs => :abandon) AS abandoned
                  FROM idempotency_keys WHERE user_id = :user AND key = :key
                """)
                .param("user", user).param("key", key)
                .param("abandon", settings.abandonAfter().toSeconds())
                .query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getBoolean(4), rs.getBoolean(5)))
                .optional();
    }

    /** GDPR erasure: the stored responses hold the user's entries. */
    public void erase(UUID user) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE user_id = :user").param("user", user).update();
    }

    void complete(UUID user, String key, int status, String responseJson) {
        jdbc.sql("""
                UPDATE idempotency_keys SET response_status = :status, response_body = CAST(:body AS jsonb)
                 WHERE user_id = :user AND key = :key
                """)
                .param("user", user).param("key", key).param("status", status).param("body", responseJson)
                .update();
    }

    /** Gives the key back (the attempt failed on our side), or drops an expired or abandoned row. */
    void release(UUID user, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE user_id = :user AND key = :key")
                .param("user", user).param("key", key).update();
    }

    @Scheduled(initialDelayString = "${mindflow.idempotency.purge-every:10m}",
            fixedDelayString = "${mindflow.idempotency.purge-every:10m}")
    void purgeOnSchedule() {
        purgeExpired();
    }

    /** Expired keys go; the index on expires_at serves this. */
    int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= now()").update();
    }

    /** A key's row: the first attempt's fingerprint and, once it finished, its response. */
    record Stored(String fingerprint, Integer status, String responseJson, boolean expired, boolean abandoned) {

        boolean finished() {
            return status != null;
        }
    }
}
