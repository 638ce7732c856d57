-- Insights (issue #11): where every summary sentence came from, and ai-processing-service's own tables. None but the
-- first change is in the seed.

-- The issue: "every summary sentence and every theme names the entries it came from". themes carries its entryIds
-- inside the JSON; summary is plain TEXT in the seed, so its sentences and their sources get a column of their own:
-- [{"text": ..., "entryIds": [...]}]. summary stays the sentences joined, for clients that show only the text.
ALTER TABLE journal_insights ADD COLUMN summary_sentences JSONB;

-- The analysis' findings of each entry the AI may read, kept for the insights: an insight is computed from these
-- rows only, never from the journal, so a private entry (never written here) or a withdrawn analysis (deleted here)
-- cannot reach one. No text of the entry: its key phrases, counts and labels.
CREATE TABLE ai_entry_facts (
    journal_entry_id    UUID PRIMARY KEY,
    user_id             UUID NOT NULL,
    entry_version       INTEGER NOT NULL,
    entry_date          DATE NOT NULL,
    word_count          INTEGER NOT NULL CHECK (word_count >= 0),
    mood                VARCHAR(20),
    tags                TEXT[] NOT NULL DEFAULT '{}',
    weather             VARCHAR(50),
    sentiment_score     DOUBLE PRECISION NOT NULL CHECK (sentiment_score BETWEEN -1 AND 1),
    key_phrases         TEXT[] NOT NULL DEFAULT '{}'
);
CREATE INDEX idx_ai_entry_facts_user_date ON ai_entry_facts (user_id, entry_date);

-- The user's zone, so a week, month or year closes at the user's midnight (UserRegistered / UserProfileUpdated).
ALTER TABLE ai_users ADD COLUMN timezone VARCHAR(50);

-- Every insight this service owes or made. The periodic ones are unique per user and period, so two instances
-- never produce the same insight twice: the INSERT that claims a period is the lock. A forgotten insight keeps its
-- row (status 'forgotten') so the schedule does not make it again.
CREATE TABLE ai_insights (
    insight_id          UUID PRIMARY KEY,
    user_id             UUID NOT NULL,
    insight_type        VARCHAR(20) NOT NULL CHECK (insight_type IN ('weekly', 'monthly', 'yearly', 'custom')),
    start_date          DATE NOT NULL,
    end_date            DATE NOT NULL,
    status              VARCHAR(20) NOT NULL
                        CHECK (status IN ('pending', 'processing', 'completed', 'empty', 'forgotten', 'failed')),
    requested_at        TIMESTAMPTZ NOT NULL,
    -- When an instance took the work; a claim older than the lease is taken again (the instance died).
    claimed_at          TIMESTAMPTZ,
    generated_at        TIMESTAMPTZ,
    attempts            INTEGER NOT NULL DEFAULT 0,
    CHECK (end_date >= start_date)
);
CREATE UNIQUE INDEX uq_ai_insights_period ON ai_insights (user_id, insight_type, start_date)
    WHERE insight_type <> 'custom';
CREATE INDEX idx_ai_insights_user_period ON ai_insights (user_id, start_date, end_date);
CREATE INDEX idx_ai_insights_open ON ai_insights (requested_at) WHERE status IN ('pending', 'processing');

-- "This theme is wrong": never offered to the user again.
CREATE TABLE ai_theme_feedback (
    user_id             UUID NOT NULL,
    theme               VARCHAR(100) NOT NULL,
    given_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, theme)
);
