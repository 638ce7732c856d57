-- mindflow_analytics on plain PostgreSQL (no TimescaleDB available): the seed's hypertables become natively
-- range-partitioned tables with the same names, columns and constraints. Chunk intervals become partition sizes:
-- monthly for journal_insights, weekly for mood_events and user_activity_events. Each has a DEFAULT partition, so
-- an insert never fails for want of a partition. See DESIGN-NOTES.md.

CREATE TABLE journal_insights (
    id                      UUID NOT NULL DEFAULT gen_random_uuid(),
    user_id                 UUID NOT NULL,
    insight_type            VARCHAR(20) NOT NULL, -- 'weekly', 'monthly', 'yearly', 'custom'
    start_date              DATE NOT NULL,
    end_date                DATE NOT NULL,
    generated_at            TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    -- Insight data
    summary                 TEXT NOT NULL,
    entries_analyzed        INTEGER NOT NULL,
    total_words             INTEGER NOT NULL,
    average_words           INTEGER NOT NULL,
    most_productive_day     VARCHAR(10), -- 'Monday', 'Tuesday', etc.
    longest_streak          INTEGER,

    -- Mood analysis
    mood_positive_pct       NUMERIC(5,2), -- percentage
    mood_neutral_pct        NUMERIC(5,2),
    mood_negative_pct       NUMERIC(5,2),
    dominant_mood           VARCHAR(20),

    -- Themes (stored as JSONB for flexibility)
    themes                  JSONB, -- [{name, frequency, sentiment, relatedWords}, ...]
    milestones              JSONB, -- ["Completed 30 days", "Wrote 10,000 words"]
    suggestions             JSONB, -- ["Try morning journaling", "Explore gratitude themes"]

    -- Seed: "id UUID PRIMARY KEY". A unique key of a partitioned table (or hypertable) must contain the
    -- partitioning column, so the key is (id, generated_at).
    CONSTRAINT journal_insights_pkey PRIMARY KEY (id, generated_at),
    CONSTRAINT check_insight_type CHECK (insight_type IN ('weekly', 'monthly', 'yearly', 'custom')),
    CONSTRAINT check_date_range CHECK (end_date >= start_date),
    CONSTRAINT check_mood_percentages CHECK (
        mood_positive_pct >= 0 AND mood_positive_pct <= 100 AND
        mood_neutral_pct >= 0 AND mood_neutral_pct <= 100 AND
        mood_negative_pct >= 0 AND mood_negative_pct <= 100
    )
) PARTITION BY RANGE (generated_at);

CREATE TABLE journal_insights_default PARTITION OF journal_insights DEFAULT;

-- What create_hypertable adds by default on TimescaleDB, so that both variants have the same indexes.
CREATE INDEX journal_insights_generated_at_idx ON journal_insights(generated_at DESC);
CREATE INDEX idx_insights_user_time ON journal_insights(user_id, generated_at DESC);
CREATE INDEX idx_insights_type ON journal_insights(insight_type, generated_at DESC);
CREATE INDEX idx_insights_date_range ON journal_insights(user_id, start_date, end_date);

-- GIN index for JSONB columns
CREATE INDEX idx_insights_themes ON journal_insights USING gin(themes);

COMMENT ON TABLE journal_insights IS 'AI-generated insights over time periods';
COMMENT ON COLUMN journal_insights.themes IS 'JSONB array of theme objects';


CREATE TABLE mood_events (
    time                    TIMESTAMPTZ NOT NULL,
    user_id                 UUID NOT NULL,
    journal_entry_id        UUID NOT NULL,
    mood                    VARCHAR(20) NOT NULL,
    mood_score              NUMERIC(3,2) NOT NULL, -- -1 to +1 sentiment score
    tags                    TEXT[], -- Denormalized for faster queries
    word_count              INTEGER,

    CONSTRAINT check_mood CHECK (mood IN ('ecstatic', 'happy', 'neutral', 'sad', 'anxious', 'angry')),
    CONSTRAINT check_mood_score CHECK (mood_score >= -1 AND mood_score <= 1)
) PARTITION BY RANGE (time);

CREATE TABLE mood_events_default PARTITION OF mood_events DEFAULT;

CREATE INDEX mood_events_time_idx ON mood_events(time DESC);
CREATE INDEX idx_mood_events_user_time ON mood_events(user_id, time DESC);
CREATE INDEX idx_mood_events_mood ON mood_events(mood, time DESC);

COMMENT ON TABLE mood_events IS 'Time-series mood data for trend analysis';


CREATE TABLE user_activity_events (
    time                    TIMESTAMPTZ NOT NULL,
    user_id                 UUID NOT NULL,
    event_type              VARCHAR(50) NOT NULL, -- 'login', 'entry_created', 'entry_updated', etc.
    metadata                JSONB,

    CONSTRAINT check_event_type CHECK (event_type IN (
        'login', 'logout', 'entry_created', 'entry_updated', 'entry_deleted',
        'insight_viewed', 'settings_updated', 'profile_updated'
    ))
) PARTITION BY RANGE (time);

CREATE TABLE user_activity_events_default PARTITION OF user_activity_events DEFAULT;

CREATE INDEX user_activity_events_time_idx ON user_activity_events(time DESC);
CREATE INDEX idx_activity_user_time ON user_activity_events(user_id, time DESC);
CREATE INDEX idx_activity_type ON user_activity_events(event_type, time DESC);

COMMENT ON TABLE user_activity_events IS 'User engagement events for analytics';
