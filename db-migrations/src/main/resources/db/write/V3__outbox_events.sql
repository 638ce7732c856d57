-- Transactional outbox (not in the seed): every service that owns write tables appends its events here in the
-- same transaction as the state change; a relay (module outbox) publishes them to Kafka in sequence order.

CREATE TABLE outbox_events (
    id                  UUID PRIMARY KEY,                       -- the event id (envelope's eventId)
    sequence            BIGINT GENERATED ALWAYS AS IDENTITY,    -- insertion order: the relay publishes by it
    source              VARCHAR(100) NOT NULL,                  -- owning service, e.g. 'auth-service'
    topic               VARCHAR(249) NOT NULL,                  -- Kafka topic (249 = Kafka's name limit)
    partition_key       VARCHAR(255) NOT NULL,                  -- Kafka record key: the user id as text
    event_type          VARCHAR(100) NOT NULL,
    event_version       INTEGER NOT NULL,
    aggregate_id        VARCHAR(100),
    user_id             UUID,
    payload             JSONB NOT NULL,                         -- the full versioned envelope
    headers             JSONB NOT NULL DEFAULT '{}'::jsonb,     -- correlation id etc., as Kafka headers
    occurred_at         TIMESTAMPTZ NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    published_at        TIMESTAMPTZ,                            -- set after Kafka acknowledged

    CONSTRAINT check_outbox_event_version CHECK (event_version >= 1),
    CONSTRAINT check_outbox_headers CHECK (jsonb_typeof(headers) = 'object')
);

-- The relay's only hot query: WHERE source = ? AND published_at IS NULL ORDER BY sequence LIMIT ?
CREATE INDEX idx_outbox_unpublished ON outbox_events(source, sequence) WHERE published_at IS NULL;
-- Clean-up of published rows: WHERE source = ? AND published_at < ?
CREATE INDEX idx_outbox_published ON outbox_events(source, published_at) WHERE published_at IS NOT NULL;

-- Wake the relay of the row's source at commit (NOTIFY is delivered on commit only, and duplicates of the same
-- channel and payload within one transaction are folded into one), so it need not poll.
CREATE FUNCTION notify_outbox_event()
RETURNS TRIGGER AS $$
BEGIN
    PERFORM pg_notify('outbox_events', NEW.source);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_events_notify
AFTER INSERT ON outbox_events
FOR EACH ROW
EXECUTE FUNCTION notify_outbox_event();

COMMENT ON TABLE outbox_events IS 'Transactional outbox: events written with the state change, relayed to Kafka in sequence order';
COMMENT ON COLUMN outbox_events.sequence IS 'Insertion order; the relay publishes each source''s rows by ascending sequence';
COMMENT ON COLUMN outbox_events.source IS 'Owning service (auth-service, command-service, ...): one relay leader per source';
COMMENT ON COLUMN outbox_events.partition_key IS 'Kafka record key: the user id as text, so one user''s events stay ordered';
COMMENT ON COLUMN outbox_events.payload IS 'The full versioned event envelope, published as the record value';
COMMENT ON COLUMN outbox_events.headers IS 'Kafka headers (correlation id, ...) as a JSON object of strings';
COMMENT ON COLUMN outbox_events.published_at IS 'Set once Kafka acknowledged the record; NULL = still to publish';
