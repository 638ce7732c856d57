-- Account erasure (GDPR Art. 17, issue #13). DELETE /api/me no longer only soft-deletes: it locks the account
-- (deleted_at, is_active = false) until purge_after, when auth-service deletes the row for good (the cascades take
-- consent, settings, entries, streaks and idempotency keys with it) and sends UserDeleted. See DESIGN-NOTES.md.
ALTER TABLE users ADD COLUMN purge_after TIMESTAMPTZ;

-- Accounts soft-deleted before this migration get the default 30-day grace, counted from their deletion.
UPDATE users SET purge_after = deleted_at + INTERVAL '30 days' WHERE deleted_at IS NOT NULL;

-- The purge job's only query: WHERE purge_after <= now() ORDER BY purge_after
CREATE INDEX idx_users_purge_after ON users(purge_after) WHERE purge_after IS NOT NULL;

COMMENT ON COLUMN users.purge_after IS 'When a deleted account is erased for good; NULL while the account is live';

-- Tags are shared names: command-service deletes those no entry uses any more after an erasure. NO ACTION instead
-- of CASCADE, so that a tag another writer links at that very moment makes the delete fail instead of silently
-- taking the new link with it.
ALTER TABLE journal_entry_tags DROP CONSTRAINT journal_entry_tags_tag_id_fkey;
ALTER TABLE journal_entry_tags ADD CONSTRAINT journal_entry_tags_tag_id_fkey
    FOREIGN KEY (tag_id) REFERENCES tags(id);
