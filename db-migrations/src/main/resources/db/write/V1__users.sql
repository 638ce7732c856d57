-- mindflow_write: user accounts, consent and settings, exactly as the seed defines them
-- (docs: /work/shared/seed/mindflow-database-schema.md, "PostgreSQL - Write Database").

CREATE TABLE users (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email               VARCHAR(255) NOT NULL UNIQUE,
    password_hash       VARCHAR(255) NOT NULL, -- bcrypt hash
    display_name        VARCHAR(100) NOT NULL,
    photo_url           VARCHAR(500),
    timezone            VARCHAR(50) DEFAULT 'UTC',
    language            VARCHAR(5) DEFAULT 'en',
    theme               VARCHAR(10) DEFAULT 'system', -- 'light', 'dark', 'system'
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_login_at       TIMESTAMPTZ,
    deleted_at          TIMESTAMPTZ, -- Soft delete
    is_active           BOOLEAN NOT NULL DEFAULT true,
    email_verified      BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT check_theme CHECK (theme IN ('light', 'dark', 'system')),
    CONSTRAINT check_language CHECK (language IN ('en', 'pt')),
    -- Kept as the seed writes it: "[A-Z|a-z]" also admits '|' in the top-level domain (see DESIGN-NOTES.md).
    CONSTRAINT check_email_format CHECK (email ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,}$')
);

CREATE INDEX idx_users_email ON users(email) WHERE deleted_at IS NULL;
CREATE INDEX idx_users_created_at ON users(created_at);
CREATE INDEX idx_users_deleted_at ON users(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_updated_at
BEFORE UPDATE ON users
FOR EACH ROW
EXECUTE FUNCTION update_updated_at_column();

COMMENT ON TABLE users IS 'Core user account information';
COMMENT ON COLUMN users.deleted_at IS 'Soft delete timestamp for GDPR compliance';


CREATE TABLE user_gdpr_consent (
    id                              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    terms_accepted_at               TIMESTAMPTZ NOT NULL,
    terms_version                   VARCHAR(20) NOT NULL, -- e.g., 'v1.0'
    privacy_policy_accepted_at      TIMESTAMPTZ NOT NULL,
    privacy_policy_version          VARCHAR(20) NOT NULL,
    data_processing_consent         BOOLEAN NOT NULL DEFAULT false,
    marketing_consent               BOOLEAN NOT NULL DEFAULT false,
    consent_ip_address              INET,
    consent_user_agent              TEXT,
    created_at                      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at                      TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CONSTRAINT uq_user_consent UNIQUE (user_id)
);

CREATE INDEX idx_gdpr_user_id ON user_gdpr_consent(user_id);
CREATE INDEX idx_gdpr_marketing_consent ON user_gdpr_consent(marketing_consent) WHERE marketing_consent = true;

CREATE TRIGGER gdpr_consent_updated_at
BEFORE UPDATE ON user_gdpr_consent
FOR EACH ROW
EXECUTE FUNCTION update_updated_at_column();

COMMENT ON TABLE user_gdpr_consent IS 'GDPR consent tracking for legal compliance';


CREATE TABLE user_settings (
    id                              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    auto_save                       BOOLEAN DEFAULT true,
    private_mode                    BOOLEAN DEFAULT false, -- Excludes all entries from AI
    email_weekly_insights           BOOLEAN DEFAULT true,
    email_monthly_insights          BOOLEAN DEFAULT true,
    email_reminder_to_write         BOOLEAN DEFAULT false,
    created_at                      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at                      TIMESTAMPTZ NOT NULL DEFAULT NOW(),

    CONSTRAINT uq_user_settings UNIQUE (user_id)
);

CREATE INDEX idx_settings_user_id ON user_settings(user_id);

CREATE TRIGGER settings_updated_at
BEFORE UPDATE ON user_settings
FOR EACH ROW
EXECUTE FUNCTION update_updated_at_column();

COMMENT ON TABLE user_settings IS 'User preferences and notification settings';
