-- Insight digests and the writing reminder (issue #11), auth-service's. Every table hangs off users with
-- ON DELETE CASCADE, so the account purge (V6) erases them with the account. See DESIGN-NOTES.md.

-- One row per insight mailed. The INSERT ... ON CONFLICT DO NOTHING decides which consumer sends (redelivery, a
-- regenerated insight with the same id, a second instance): at most once; a crash between insert and SMTP loses it.
CREATE TABLE insight_mails (
    insight_id  UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        VARCHAR(20) NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,

    CONSTRAINT check_insight_mail_kind CHECK (kind IN ('weekly', 'monthly'))
);

-- The cascade from users looks rows up by user.
CREATE INDEX idx_insight_mails_user ON insight_mails(user_id);

-- The recent days a user has a live entry for, learnt from mindflow.journal-entries.v1: one row per entry (an edit
-- may move an entry to another day, a deletion removes it). Only days the reminder can still ask about are kept.
CREATE TABLE user_writing_days (
    entry_id    UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    entry_date  DATE NOT NULL
);

CREATE INDEX idx_user_writing_days_user_date ON user_writing_days(user_id, entry_date);

-- One writing reminder per user and local day; the primary key is the claim between instances.
CREATE TABLE reminder_mails (
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    local_date  DATE NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, local_date)
);

-- The reminder scan starts from the users who asked for reminders (off by default), in user order.
CREATE INDEX idx_settings_reminder_to_write ON user_settings(user_id) WHERE email_reminder_to_write;

COMMENT ON TABLE insight_mails IS 'Insight digests mailed (or claimed for mailing): at most one mail per insight';
COMMENT ON TABLE user_writing_days IS 'Recent days with a live journal entry, per entry, for the writing reminder';
COMMENT ON TABLE reminder_mails IS 'Writing reminders mailed (or claimed), at most one per user and local day';
