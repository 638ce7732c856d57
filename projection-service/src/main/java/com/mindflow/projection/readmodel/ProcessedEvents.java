package com.mindflow.projection.readmodel;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/**
 * Event ids a consumer group already applied to the read database. Recorded in the same transaction as the change,
 * so a redelivered event is recognised even where a version-guarded upsert alone would not be enough (a create
 * replayed after a delete).
 */
@Component
class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(@Qualifier(ReadAndAnalyticsDatabases.READ) JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event; false when this group had already applied it. */
    boolean markApplied(String consumerGroup, UUID eventId) {
        return jdbc.sql("""
                INSERT INTO processed_events (consumer_group, event_id) VALUES (:group, :eventId)
                ON CONFLICT DO NOTHING
                """)
                .param("group", consumerGroup)
                .param("eventId", eventId)
                .update() == 1;
    }
}
