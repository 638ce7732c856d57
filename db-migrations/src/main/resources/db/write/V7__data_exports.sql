-- Data exports (GDPR Art. 20, issue #13), command-service's. One row per POST /api/me/export; a worker of any
-- command-service instance claims queued rows with SELECT ... FOR UPDATE SKIP LOCKED and streams the archive to S3.
CREATE TABLE data_exports (
    id                  UUID PRIMARY KEY,
    user_id             UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status              VARCHAR(10) NOT NULL DEFAULT 'queued',
    -- Profile, settings and consent history as auth-service and query-service answered at request time: the worker
    -- runs later without the caller's token. Removed with the row (retention below, or the account's erasure).
    account             JSONB NOT NULL,
    requested_at        TIMESTAMPTZ NOT NULL,
    started_at          TIMESTAMPTZ,
    -- A running export whose heartbeat is older than the configured stale time lost its worker: claimed again.
    heartbeat_at        TIMESTAMPTZ,
    -- Which claim runs it; a worker that lost its claim (heartbeat taken over) stops instead of finishing twice.
    claim_id            UUID,
    attempts            INTEGER NOT NULL DEFAULT 0,
    entries_total       INTEGER,
    entries_done        INTEGER NOT NULL DEFAULT 0,
    s3_key              VARCHAR(500),
    size_bytes          BIGINT,
    completed_at        TIMESTAMPTZ,
    failure             VARCHAR(200),
    -- When the sweep deletes the row and its archive: 7 days (configurable) after the request, then after completion.
    remove_after        TIMESTAMPTZ NOT NULL,

    CONSTRAINT check_export_status CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    CONSTRAINT check_export_progress CHECK (entries_done >= 0 AND attempts >= 0)
);

-- One export in progress per user, enforced by the database: two concurrent POSTs cannot both pass a check.
CREATE UNIQUE INDEX uq_data_exports_one_in_progress ON data_exports(user_id) WHERE status IN ('queued', 'running');
-- The worker's claim: queued rows, and running rows with an old heartbeat.
CREATE INDEX idx_data_exports_pending ON data_exports(requested_at) WHERE status IN ('queued', 'running');
CREATE INDEX idx_data_exports_remove_after ON data_exports(remove_after);

COMMENT ON TABLE data_exports IS 'GDPR Art. 20 data exports: progress, and where the archive is until remove_after';
COMMENT ON COLUMN data_exports.account IS 'Profile, settings and consent history captured when the export was requested';
