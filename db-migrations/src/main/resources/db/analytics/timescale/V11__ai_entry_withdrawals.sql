-- Issue #11: an import's entries are analysed in a lane of their own, behind live ones, so a live delete or a switch
-- to private can be read before an older version of the same entry. Not in the seed: this service's bookkeeping.

-- The last version of each entry whose findings were withdrawn (deleted or made private): a version at or below it
-- is never analysed nor embedded again, whichever consumer reads it later. A newer version (a restore, made public
-- again) is. Kept a week, far longer than any backlog or rebuild takes to drain.
CREATE TABLE ai_entry_withdrawals (
    journal_entry_id UUID PRIMARY KEY,
    user_id          UUID NOT NULL,
    entry_version    INTEGER NOT NULL,
    withdrawn_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_ai_entry_withdrawals_user ON ai_entry_withdrawals (user_id);
CREATE INDEX idx_ai_entry_withdrawals_withdrawn_at ON ai_entry_withdrawals (withdrawn_at);
