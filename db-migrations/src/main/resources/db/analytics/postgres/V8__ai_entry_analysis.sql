-- Per-entry AI analysis (issue #11), two small tables that are not in the seed.

-- ai-processing-service's own record of each account, from mindflow.users.v1: whether its entries may be analysed
-- at all (user_settings.private_mode: "excludes all entries from AI"; user_gdpr_consent.data_processing_consent:
-- withdrawn consent stops AI processing), its language (the detector's tie-breaker), and whether it was erased (an
-- entry event arriving after UserDeleted is never analysed).
CREATE TABLE ai_users (
    user_id             UUID PRIMARY KEY,
    private_mode        BOOLEAN NOT NULL DEFAULT FALSE,
    -- When the settings above were changed: an older UserSettingsUpdated never overwrites a newer one.
    settings_at         TIMESTAMPTZ,
    language            VARCHAR(10),
    processing_consent  BOOLEAN NOT NULL DEFAULT TRUE,
    -- When the consent above was given or changed: an older UserConsentUpdated never overwrites a newer one.
    consent_at          TIMESTAMPTZ,
    erased_at           TIMESTAMPTZ
);

-- When an account was kept from the analysis: private mode on, data-processing consent withdrawn. An entry and the
-- account's settings travel on different topics, in no order between them, so an entry written during a period may
-- arrive after it ended: the entry's write time decides, not its arrival. Deleted with the account's erasure.
CREATE TABLE ai_exclusions (
    user_id             UUID NOT NULL,
    reason              VARCHAR(20) NOT NULL CHECK (reason IN ('private_mode', 'no_consent')),
    from_at             TIMESTAMPTZ NOT NULL,
    to_at               TIMESTAMPTZ,
    PRIMARY KEY (user_id, reason, from_at)
);
CREATE UNIQUE INDEX uq_ai_exclusions_open ON ai_exclusions (user_id, reason) WHERE to_at IS NULL;

-- projection-service: the AI's sentiment of each analysed entry version. mood_events.mood_score takes it instead of
-- the mood's constant, also when the entry's mood event is written after the analysis arrived (the entry and the AI
-- events travel on different topics, in no order). Withdrawn analyses are deleted here.
CREATE TABLE entry_sentiments (
    journal_entry_id    UUID PRIMARY KEY,
    user_id             UUID NOT NULL,
    entry_version       INTEGER NOT NULL,
    sentiment_score     DOUBLE PRECISION NOT NULL CHECK (sentiment_score BETWEEN -1 AND 1)
);
CREATE INDEX idx_entry_sentiments_user ON entry_sentiments (user_id);
