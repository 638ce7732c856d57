package com.mindflow.projection.erasure;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/**
 * {@code erased_users} of the read database: ids of accounts whose {@code UserDeleted} a sink has applied. Events of
 * one user travel on two topics with no order between them, so a journal event can arrive after the erasure; the
 * sinks check here instead of re-creating what was erased.
 */
@Component
public class ErasedUsers {

    private final JdbcClient jdbc;

    ErasedUsers(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void erased(UUID userId, Instant at) {
        jdbc.sql("INSERT INTO erased_users (user_id, erased_at) VALUES (:id, :at) ON CONFLICT DO NOTHING")
                .param("id", userId).param("at", Timestamp.from(at)).update();
    }

    public boolean isErased(UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM erased_users WHERE user_id = :id)").param("id", userId)
                .query(Boolean.class).single();
    }

    /** Which of {@code userIds} were erased: one query for a whole batch of events. */
    public Set<UUID> erasedAmong(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT user_id FROM erased_users WHERE user_id = ANY(:ids)")
                .param("ids", userIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    /** Accounts erased at or after {@code since}. */
    public List<UUID> erasedSince(Instant since) {
        return jdbc.sql("SELECT user_id FROM erased_users WHERE erased_at >= :since ORDER BY user_id")
                .param("since", Timestamp.from(since)).query(UUID.class).list();
    }
}
