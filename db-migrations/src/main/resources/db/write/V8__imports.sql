-- Journal import (issue #13): one row per import a user started, its per-entry results, and the ledger that makes
-- importing the same file twice add nothing. V8 because V7 is the data export's (another branch); Flyway does not
-- need contiguous versions. See command-service's com.mindflow.command.imports and README "Import".
CREATE TABLE journal_imports (
    id              UUID PRIMARY KEY,
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    format          VARCHAR(20) NOT NULL CHECK (format IN ('mindflow', 'dayone', 'daylio')),
    status          VARCHAR(20) NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    total           INTEGER NOT NULL DEFAULT 0,
    processed       INTEGER NOT NULL DEFAULT 0,
    imported        INTEGER NOT NULL DEFAULT 0,
    duplicates      INTEGER NOT NULL DEFAULT 0,
    conflicts       INTEGER NOT NULL DEFAULT 0,
    failed          INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    -- Touched by every batch: an import that has not moved for long was abandoned (its service instance stopped).
    progressed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One running import per user, race-free: a second insert while one is queued or running fails here (429).
CREATE UNIQUE INDEX uq_journal_imports_one_active ON journal_imports(user_id) WHERE status IN ('queued', 'running');
CREATE INDEX idx_journal_imports_user ON journal_imports(user_id, created_at DESC);

-- What happened to each entry of the file, in file order. source_key and source_date identify it in the source.
CREATE TABLE journal_import_results (
    import_id       UUID NOT NULL REFERENCES journal_imports(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    source_key      VARCHAR(200) NOT NULL,
    source_date     VARCHAR(40),
    outcome         VARCHAR(20) NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'conflict', 'invalid')),
    entry_id        UUID,
    reason          TEXT,
    PRIMARY KEY (import_id, position)
);

-- The ledger: a source entry (or one of its attachments, key "<entry key>/attachments/<sha256>") once written for
-- the user. Written in the same transaction as the entry (or right after the attachment's own transaction), so a
-- retry of a failed import resumes where it stopped. entry_id has no foreign key: an entry the user deleted later
-- stays "already imported" rather than coming back on the next import.
CREATE TABLE journal_import_ledger (
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source_format   VARCHAR(20) NOT NULL,
    source_key      VARCHAR(300) NOT NULL,
    entry_id        UUID NOT NULL,
    import_id       UUID NOT NULL,
    imported_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, source_format, source_key)
);
