-- Idempotency-Key support (not in the seed): the first request with a key stores its response; a retry with the
-- same key and the same request replays it, a retry with a different request is refused.

CREATE TABLE idempotency_keys (
    user_id             UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key                 VARCHAR(255) NOT NULL,                  -- the client's Idempotency-Key header
    request_hash        VARCHAR(128) NOT NULL,                  -- e.g. hex SHA-256 of method, path and body
    response_status     INTEGER,                                -- NULL while the first request is in flight
    response_body       JSONB,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    expires_at          TIMESTAMPTZ NOT NULL DEFAULT NOW() + INTERVAL '24 hours',

    PRIMARY KEY (user_id, key),
    CONSTRAINT check_idempotency_status CHECK (response_status BETWEEN 100 AND 599),
    CONSTRAINT check_idempotency_expiry CHECK (expires_at > created_at)
);

-- Purge of expired keys: DELETE ... WHERE expires_at < now()
CREATE INDEX idx_idempotency_expires_at ON idempotency_keys(expires_at);

COMMENT ON TABLE idempotency_keys IS 'Stored responses of requests sent with an Idempotency-Key, per user';
COMMENT ON COLUMN idempotency_keys.response_status IS 'HTTP status of the stored response; NULL while the first request is still running';
