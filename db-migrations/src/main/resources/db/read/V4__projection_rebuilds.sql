-- Rebuilds of projection sinks (not in the seed): projection-service's own bookkeeping, so a rebuild survives a
-- restart and every instance agrees on which one runs.

CREATE TABLE projection_rebuilds (
    rebuild_id              UUID PRIMARY KEY,
    sink                    VARCHAR(30) NOT NULL,
    requested_at            TIMESTAMPTZ NOT NULL,
    target                  VARCHAR(255),            -- what the replay fills, e.g. the new search index
    partitions              INTEGER,                 -- markers expected: replay partitions × sources
    completed_partitions    TEXT[] NOT NULL DEFAULT '{}',      -- '<source>:<partition>' of each marker seen
    finished_at             TIMESTAMPTZ,
    outcome                 VARCHAR(20),             -- 'completed' or 'superseded' once finished

    CONSTRAINT check_rebuild_sink CHECK (sink IN ('read-model', 'search', 'analytics')),
    CONSTRAINT check_rebuild_outcome CHECK (outcome IN ('completed', 'superseded')),
    CONSTRAINT check_rebuild_finished CHECK ((finished_at IS NULL) = (outcome IS NULL))
);

-- At most one running rebuild per sink; a new request supersedes the running one.
CREATE UNIQUE INDEX uq_projection_rebuilds_running ON projection_rebuilds(sink) WHERE finished_at IS NULL;

-- Entries (for the read model also accounts; entry_id holds either id) a running rebuild has seen, replayed or
-- changed live meanwhile: at its end, rows of everything else are gone from the write side and are removed.
CREATE TABLE rebuild_entries (
    rebuild_id          UUID NOT NULL REFERENCES projection_rebuilds(rebuild_id) ON DELETE CASCADE,
    entry_id            UUID NOT NULL,

    PRIMARY KEY (rebuild_id, entry_id)
);

-- Users whose account was erased (UserDeleted): a journal event of theirs that arrives later (another topic, no
-- order across topics) or a replay must not bring their data back. Holds ids only.
CREATE TABLE erased_users (
    user_id             UUID PRIMARY KEY,
    erased_at           TIMESTAMPTZ NOT NULL
);

CREATE INDEX idx_erased_users_erased_at ON erased_users(erased_at);

COMMENT ON TABLE projection_rebuilds IS 'Rebuilds of projection sinks from write-side snapshots, one running per sink';
COMMENT ON TABLE rebuild_entries IS 'Entries seen by a running read-model rebuild; the rest are swept at its end';
COMMENT ON TABLE erased_users IS 'Ids of erased accounts, so late or replayed events cannot re-create their data';
