-- Idempotent consumers (not in the seed): a consumer group records each event id it applied, in the same
-- transaction as the change it made, and skips an event it finds here (Kafka delivers at least once).

CREATE TABLE processed_events (
    consumer_group      VARCHAR(255) NOT NULL,
    event_id            UUID NOT NULL,
    processed_at        TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    PRIMARY KEY (consumer_group, event_id)
);

-- Pruning of old markers: DELETE ... WHERE processed_at < now() - retention
CREATE INDEX idx_processed_events_processed_at ON processed_events(processed_at);

COMMENT ON TABLE processed_events IS 'Event ids each consumer group has applied, for exactly-once effects over at-least-once delivery';
