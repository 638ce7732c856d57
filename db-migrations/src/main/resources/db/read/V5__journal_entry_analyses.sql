-- Per-entry AI analysis (issue #11), not in the seed: what GET /api/journals/{id} shows as "analysis".
-- A withdrawn analysis (the entry became private or was deleted) keeps only its id, user and version, so a stale
-- analysis of an older version arriving later is recognised and dropped; nothing derived from the text remains.
CREATE TABLE journal_entry_analyses (
    journal_entry_id    UUID PRIMARY KEY,
    user_id             UUID NOT NULL,
    entry_version       INTEGER NOT NULL,
    withdrawn           BOOLEAN NOT NULL DEFAULT FALSE,
    sentiment_score     DOUBLE PRECISION CHECK (sentiment_score BETWEEN -1 AND 1),
    sentiment_label     VARCHAR(10) CHECK (sentiment_label IN ('positive', 'neutral', 'negative')),
    key_phrases         TEXT[],
    language            VARCHAR(10),
    analysed_at         TIMESTAMPTZ,
    CHECK (withdrawn = (sentiment_score IS NULL)),
    CHECK (withdrawn = (sentiment_label IS NULL)),
    CHECK (withdrawn = (key_phrases IS NULL))
);
CREATE INDEX idx_journal_entry_analyses_user ON journal_entry_analyses (user_id);
