-- Every user action becomes a user_activity_events row (issue #5), so the seed's list of event types grows by the
-- actions it did not name. Same constraint name; the seed's eight types keep their meaning.

ALTER TABLE user_activity_events DROP CONSTRAINT check_event_type;
ALTER TABLE user_activity_events ADD CONSTRAINT check_event_type CHECK (event_type IN (
    'login', 'logout', 'entry_created', 'entry_updated', 'entry_deleted',
    'insight_viewed', 'settings_updated', 'profile_updated',
    'entry_restored', 'attachment_added', 'attachment_removed', 'consent_updated', 'export_requested'
));
