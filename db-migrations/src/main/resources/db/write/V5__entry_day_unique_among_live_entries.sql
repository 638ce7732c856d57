-- One entry per user and day among LIVE entries. The seed's UNIQUE (user_id, date) also counted soft-deleted entries,
-- so deleting an entry would have blocked writing a new one for that day for the whole restore window. Same name, now
-- a partial unique index (see DESIGN-NOTES.md); restoring onto a day that got a new entry meanwhile is refused (409).
ALTER TABLE journal_entries DROP CONSTRAINT uq_user_date;
CREATE UNIQUE INDEX uq_user_date ON journal_entries(user_id, date) WHERE deleted_at IS NULL;
