-- Beyond the seed: an entry's mood event is found by its entry id (every create, edit and delete replaces it, see
-- DESIGN-NOTES.md). The seed's indexes lead with user_id, mood or time, so that look-up scanned the whole table.
CREATE INDEX idx_mood_events_entry ON mood_events (journal_entry_id);
