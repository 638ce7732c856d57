-- mindflow_read: the seed's read models. The seed defines journals_view and user_profile_view as materialized views
-- over the write tables, but this is a separate database fed by events (projection-service), so they are tables
-- with the same names, columns and column types that the seed's views produce (see DESIGN-NOTES.md).

CREATE TABLE journals_view (
    id                  UUID NOT NULL,
    user_id             UUID NOT NULL,
    user_name           VARCHAR(100),                           -- NULL until the author's profile event arrived
    user_photo          VARCHAR(500),
    date                DATE NOT NULL,
    title               VARCHAR(200) NOT NULL,
    content             TEXT NOT NULL,
    mood                VARCHAR(20),
    location            VARCHAR(200),
    weather             VARCHAR(100),
    word_count          INTEGER NOT NULL,
    reading_time        INTEGER NOT NULL,
    is_private          BOOLEAN NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    tags                JSONB NOT NULL DEFAULT '[]'::jsonb,     -- seed: json; jsonb so that the GIN index can exist
    attachments         JSON NOT NULL DEFAULT '[]'::json,
    attachment_count    BIGINT NOT NULL DEFAULT 0,
    version             BIGINT NOT NULL,                        -- write-side version: upserts only move forward

    -- The seed's unique index idx_journals_view_id, made the primary key under the same name.
    CONSTRAINT idx_journals_view_id PRIMARY KEY (id)
);

CREATE INDEX idx_journals_view_user_id ON journals_view(user_id);
CREATE INDEX idx_journals_view_date ON journals_view(date DESC);
CREATE INDEX idx_journals_view_user_date ON journals_view(user_id, date DESC);
CREATE INDEX idx_journals_view_mood ON journals_view(mood) WHERE mood IS NOT NULL;
CREATE INDEX idx_journals_view_created_at ON journals_view(created_at DESC);

-- GIN index for tags array search (tags @> '["work"]')
CREATE INDEX idx_journals_view_tags ON journals_view USING gin(tags);

COMMENT ON TABLE journals_view IS 'Denormalized view of journal entries with tags and attachments';
COMMENT ON COLUMN journals_view.tags IS 'JSON array of tag names, sorted; jsonb (the seed says json) so that idx_journals_view_tags can be a GIN index';
COMMENT ON COLUMN journals_view.attachments IS 'JSON array of {id, fileName, fileSize, mimeType, url, thumbnailUrl} in upload order, without deleted attachments';
COMMENT ON COLUMN journals_view.version IS 'Version of the write-side entry this row reflects; an upsert with a lower version is ignored';


CREATE TABLE user_profile_view (
    id                  UUID NOT NULL,
    email               VARCHAR(255) NOT NULL,
    display_name        VARCHAR(100) NOT NULL,
    photo_url           VARCHAR(500),
    timezone            VARCHAR(50),
    language            VARCHAR(5),
    theme               VARCHAR(10),
    created_at          TIMESTAMPTZ NOT NULL,
    last_login_at       TIMESTAMPTZ,
    current_streak      INTEGER NOT NULL DEFAULT 0,
    longest_streak      INTEGER NOT NULL DEFAULT 0,
    total_entries       INTEGER NOT NULL DEFAULT 0,
    total_words         INTEGER NOT NULL DEFAULT 0,
    last_entry_date     DATE,
    settings            JSON NOT NULL,
    gdpr_consent        JSON NOT NULL,
    joined_days_ago     NUMERIC NOT NULL DEFAULT 0,
    avg_words_per_entry INTEGER NOT NULL DEFAULT 0,

    -- The seed's unique index idx_user_profile_id, made the primary key under the same name.
    CONSTRAINT idx_user_profile_id PRIMARY KEY (id)
);

CREATE INDEX idx_user_profile_email ON user_profile_view(email);

COMMENT ON TABLE user_profile_view IS 'Complete user profile with statistics';
COMMENT ON COLUMN user_profile_view.joined_days_ago IS 'Whole days since sign-up when the row was last projected; compute CURRENT_DATE - created_at::date at read time for a live value';


CREATE TABLE mood_calendar_cache (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID NOT NULL,
    year                INTEGER NOT NULL,
    month               INTEGER NOT NULL,
    calendar_data       JSONB NOT NULL, -- Array of {date, mood, hasEntry}
    entry_count         INTEGER NOT NULL DEFAULT 0,
    computed_at         TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CONSTRAINT uq_user_year_month UNIQUE (user_id, year, month),
    -- Kept as the seed says, although journal_entries.date has no such bound (see DESIGN-NOTES.md).
    CONSTRAINT check_year CHECK (year >= 2020 AND year <= 2100),
    CONSTRAINT check_month CHECK (month >= 1 AND month <= 12)
);

CREATE INDEX idx_mood_calendar_user ON mood_calendar_cache(user_id);
CREATE INDEX idx_mood_calendar_user_year_month ON mood_calendar_cache(user_id, year, month);

COMMENT ON TABLE mood_calendar_cache IS 'Pre-computed mood calendar for dashboard';
COMMENT ON COLUMN mood_calendar_cache.calendar_data IS 'JSON array: [{date: "2025-10-01", mood: "happy", hasEntry: true}, ...]';
