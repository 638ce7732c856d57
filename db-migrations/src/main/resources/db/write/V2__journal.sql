-- mindflow_write: journal entries, tags, attachments and streaks, exactly as the seed defines them.

CREATE TABLE journal_entries (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    date                DATE NOT NULL, -- Journal date (unique per user)
    title               VARCHAR(200) NOT NULL,
    content             TEXT NOT NULL, -- Markdown format
    mood                VARCHAR(20), -- 'ecstatic', 'happy', 'neutral', 'sad', 'anxious', 'angry'
    location            VARCHAR(200),
    weather             VARCHAR(100),
    word_count          INTEGER NOT NULL DEFAULT 0,
    reading_time        INTEGER NOT NULL DEFAULT 0, -- in seconds
    is_private          BOOLEAN NOT NULL DEFAULT false, -- Excludes from AI insights
    version             INTEGER NOT NULL DEFAULT 1, -- Optimistic locking
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    deleted_at          TIMESTAMPTZ, -- Soft delete

    CONSTRAINT uq_user_date UNIQUE (user_id, date),
    CONSTRAINT check_mood CHECK (mood IN ('ecstatic', 'happy', 'neutral', 'sad', 'anxious', 'angry')),
    CONSTRAINT check_content_length CHECK (char_length(content) <= 10000),
    CONSTRAINT check_word_count CHECK (word_count >= 0),
    CONSTRAINT check_reading_time CHECK (reading_time >= 0)
);

CREATE INDEX idx_entries_user_id ON journal_entries(user_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_entries_date ON journal_entries(date DESC) WHERE deleted_at IS NULL;
CREATE INDEX idx_entries_created_at ON journal_entries(created_at DESC);
CREATE INDEX idx_entries_mood ON journal_entries(mood) WHERE mood IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX idx_entries_is_private ON journal_entries(is_private) WHERE is_private = false;
CREATE INDEX idx_entries_user_date ON journal_entries(user_id, date DESC) WHERE deleted_at IS NULL;

-- Partial index for active entries (most queries); the seed defines it identical to idx_entries_user_date.
CREATE INDEX idx_entries_active ON journal_entries(user_id, date DESC)
WHERE deleted_at IS NULL;

CREATE TRIGGER entries_updated_at
BEFORE UPDATE ON journal_entries
FOR EACH ROW
EXECUTE FUNCTION update_updated_at_column();

COMMENT ON TABLE journal_entries IS 'Core journal entries with mood and metadata';
COMMENT ON COLUMN journal_entries.date IS 'Date of journal entry (not created_at) - unique per user';
COMMENT ON COLUMN journal_entries.version IS 'Version number for optimistic concurrency control';


CREATE TABLE tags (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name                VARCHAR(50) NOT NULL UNIQUE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CONSTRAINT check_tag_name CHECK (char_length(name) > 0 AND name = lower(trim(name)))
);

CREATE INDEX idx_tags_name ON tags(name);

COMMENT ON TABLE tags IS 'Normalized tag definitions';
COMMENT ON COLUMN tags.name IS 'Lowercase, trimmed tag name';


CREATE TABLE journal_entry_tags (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    journal_entry_id    UUID NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
    tag_id              UUID NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CONSTRAINT uq_entry_tag UNIQUE (journal_entry_id, tag_id)
);

CREATE INDEX idx_entry_tags_entry ON journal_entry_tags(journal_entry_id);
CREATE INDEX idx_entry_tags_tag ON journal_entry_tags(tag_id);

COMMENT ON TABLE journal_entry_tags IS 'Many-to-many relationship: journal entries to tags';


CREATE TABLE attachments (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    journal_entry_id    UUID NOT NULL REFERENCES journal_entries(id) ON DELETE CASCADE,
    file_name           VARCHAR(255) NOT NULL,
    file_size           BIGINT NOT NULL, -- bytes
    mime_type           VARCHAR(100) NOT NULL,
    s3_key              VARCHAR(500) NOT NULL, -- S3 object key
    s3_url              VARCHAR(1000) NOT NULL, -- Full S3 URL
    thumbnail_s3_key    VARCHAR(500), -- For images
    thumbnail_url       VARCHAR(1000),
    uploaded_at         TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    deleted_at          TIMESTAMPTZ, -- Soft delete

    CONSTRAINT check_file_size CHECK (file_size > 0 AND file_size <= 52428800), -- Max 50MB
    CONSTRAINT check_mime_type CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'))
);

CREATE INDEX idx_attachments_entry ON attachments(journal_entry_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_attachments_uploaded_at ON attachments(uploaded_at DESC);

COMMENT ON TABLE attachments IS 'Media files attached to journal entries';
COMMENT ON COLUMN attachments.s3_key IS 'S3 object key for file retrieval';


CREATE TABLE user_streaks (
    id                      UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                 UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    current_streak          INTEGER NOT NULL DEFAULT 0, -- consecutive days
    longest_streak          INTEGER NOT NULL DEFAULT 0,
    last_entry_date         DATE,
    streak_start_date       DATE,
    total_entries           INTEGER NOT NULL DEFAULT 0,
    total_words             INTEGER NOT NULL DEFAULT 0,
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CONSTRAINT uq_user_streak UNIQUE (user_id),
    CONSTRAINT check_streaks CHECK (current_streak >= 0 AND longest_streak >= current_streak)
);

CREATE INDEX idx_streaks_user ON user_streaks(user_id);
CREATE INDEX idx_streaks_current ON user_streaks(current_streak DESC);

CREATE TRIGGER streaks_updated_at
BEFORE UPDATE ON user_streaks
FOR EACH ROW
EXECUTE FUNCTION update_updated_at_column();

COMMENT ON TABLE user_streaks IS 'Writing streak tracking for user engagement';
