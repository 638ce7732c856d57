-- `./mindflow rebuild ai` (issue #11): ai-processing-service re-derives every finding from the write side's replay.
-- Not in the seed: this service's own bookkeeping.

-- When each entry's findings were last derived: a rebuild sweeps the rows it did not derive again (entries the write
-- side no longer has), keeping those it replayed or that changed live meanwhile.
ALTER TABLE ai_entry_facts ADD COLUMN derived_at TIMESTAMPTZ NOT NULL DEFAULT now();
-- The version whose passages were last published: a rebuild embeds again only what is missing or older (the
-- passages of a version are the same text through the same model, so they would only be refused as duplicates).
ALTER TABLE ai_entry_facts ADD COLUMN embedded_version INTEGER;

-- One row per rebuild of the AI's findings; a newer request supersedes a running one.
CREATE TABLE ai_rebuilds (
    rebuild_id           UUID PRIMARY KEY,
    requested_at         TIMESTAMPTZ NOT NULL,
    started_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- '<source>:<partition>' of every completion marker seen, so a redelivered marker counts once.
    completed_partitions TEXT[] NOT NULL DEFAULT '{}',
    partitions           INTEGER,
    replayed             INTEGER NOT NULL DEFAULT 0,
    swept                INTEGER,
    finished_at          TIMESTAMPTZ,
    outcome              VARCHAR(20) CHECK (outcome IN ('completed', 'superseded'))
);
CREATE UNIQUE INDEX uq_ai_rebuilds_running ON ai_rebuilds ((true)) WHERE finished_at IS NULL;
