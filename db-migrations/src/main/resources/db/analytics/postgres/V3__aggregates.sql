-- The seed's continuous aggregates, for plain PostgreSQL: tables with the aggregates' columns and types, kept up to
-- date by refresh functions that recompute whole buckets from the raw events (an upsert; buckets left without
-- events are removed). Buckets are those of time_bucket(): '1 day' buckets start at 00:00 UTC, '7 days' buckets
-- on Mondays 00:00 UTC (TimescaleDB's origin 2000-01-03). Same queries on both variants:
--   SELECT ... FROM mood_daily_summary WHERE user_id = ? AND day >= ?;
--   SELECT refresh_mood_daily_summary(now() - interval '7 days', now());   (a no-op on TimescaleDB)

CREATE TABLE mood_daily_summary (
    day                     TIMESTAMPTZ NOT NULL,
    user_id                 UUID NOT NULL,
    entry_count             BIGINT NOT NULL,
    avg_mood_score          NUMERIC,
    most_common_mood        VARCHAR(20),
    total_words             BIGINT,

    PRIMARY KEY (user_id, day)
);

CREATE INDEX mood_daily_summary_day_idx ON mood_daily_summary(day DESC);

COMMENT ON TABLE mood_daily_summary IS 'Pre-computed daily mood aggregates';


CREATE TABLE user_weekly_activity (
    week                    TIMESTAMPTZ NOT NULL,
    user_id                 UUID NOT NULL,
    login_count             BIGINT NOT NULL,
    entries_created         BIGINT NOT NULL,
    entries_updated         BIGINT NOT NULL,
    total_events            BIGINT NOT NULL,

    PRIMARY KEY (user_id, week)
);

CREATE INDEX user_weekly_activity_week_idx ON user_weekly_activity(week DESC);



-- Recomputes every daily bucket that overlaps [window_start, window_end) from mood_events. Buckets that start
-- before the 1-year retention horizon are left alone: their raw events may be gone, and the seed keeps
-- aggregates after the raw events are dropped.
CREATE FUNCTION refresh_mood_daily_summary(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)
RETURNS VOID AS $$
DECLARE
    origin CONSTANT TIMESTAMPTZ := '2000-01-03 00:00:00+00';
    horizon     TIMESTAMPTZ := NOW() - INTERVAL '1 year';
    bucket_from TIMESTAMPTZ;
    bucket_to   TIMESTAMPTZ;
BEGIN
    IF window_start IS NULL OR window_end IS NULL OR window_end <= window_start THEN
        RETURN;
    END IF;
    bucket_from := date_bin('1 day', GREATEST(window_start, horizon), origin);
    IF bucket_from < horizon THEN
        bucket_from := bucket_from + INTERVAL '1 day';
    END IF;
    bucket_to := date_bin('1 day', window_end - INTERVAL '1 microsecond', origin) + INTERVAL '1 day';
    IF bucket_from >= bucket_to THEN
        RETURN;
    END IF;
    -- One refresh at a time: two overlapping refreshes would otherwise race on the same buckets.
    PERFORM pg_advisory_xact_lock(hashtext('mindflow:refresh_mood_daily_summary'));

    WITH fresh AS (
        SELECT date_bin('1 day', e.time, origin) AS day,
               e.user_id,
               COUNT(*) AS entry_count,
               AVG(e.mood_score) AS avg_mood_score,
               MODE() WITHIN GROUP (ORDER BY e.mood) AS most_common_mood,
               SUM(e.word_count) AS total_words
          FROM mood_events e
         WHERE e.time >= bucket_from AND e.time < bucket_to
         GROUP BY 1, 2
    ), gone AS (
        DELETE FROM mood_daily_summary s
         WHERE s.day >= bucket_from AND s.day < bucket_to
           AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.user_id = s.user_id AND f.day = s.day)
    )
    INSERT INTO mood_daily_summary AS s (day, user_id, entry_count, avg_mood_score, most_common_mood, total_words)
    SELECT day, user_id, entry_count, avg_mood_score, most_common_mood, total_words FROM fresh
    ON CONFLICT (user_id, day) DO UPDATE
       SET entry_count = EXCLUDED.entry_count,
           avg_mood_score = EXCLUDED.avg_mood_score,
           most_common_mood = EXCLUDED.most_common_mood,
           total_words = EXCLUDED.total_words
     WHERE (s.entry_count, s.avg_mood_score, s.most_common_mood, s.total_words)
           IS DISTINCT FROM (EXCLUDED.entry_count, EXCLUDED.avg_mood_score, EXCLUDED.most_common_mood,
                             EXCLUDED.total_words);
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION refresh_mood_daily_summary(TIMESTAMPTZ, TIMESTAMPTZ) IS
    'Recomputes the daily buckets of mood_daily_summary that overlap the window from mood_events (buckets older than the 1-year retention are kept)';


-- Same for the weekly buckets of user_weekly_activity (6-month retention horizon).
CREATE FUNCTION refresh_user_weekly_activity(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)
RETURNS VOID AS $$
DECLARE
    origin CONSTANT TIMESTAMPTZ := '2000-01-03 00:00:00+00';
    horizon     TIMESTAMPTZ := NOW() - INTERVAL '6 months';
    bucket_from TIMESTAMPTZ;
    bucket_to   TIMESTAMPTZ;
BEGIN
    IF window_start IS NULL OR window_end IS NULL OR window_end <= window_start THEN
        RETURN;
    END IF;
    bucket_from := date_bin('7 days', GREATEST(window_start, horizon), origin);
    IF bucket_from < horizon THEN
        bucket_from := bucket_from + INTERVAL '7 days';
    END IF;
    bucket_to := date_bin('7 days', window_end - INTERVAL '1 microsecond', origin) + INTERVAL '7 days';
    IF bucket_from >= bucket_to THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('mindflow:refresh_user_weekly_activity'));

    WITH fresh AS (
        SELECT date_bin('7 days', e.time, origin) AS week,
               e.user_id,
               COUNT(*) FILTER (WHERE e.event_type = 'login') AS login_count,
               COUNT(*) FILTER (WHERE e.event_type = 'entry_created') AS entries_created,
               COUNT(*) FILTER (WHERE e.event_type = 'entry_updated') AS entries_updated,
               COUNT(*) AS total_events
          FROM user_activity_events e
         WHERE e.time >= bucket_from AND e.time < bucket_to
         GROUP BY 1, 2
    ), gone AS (
        DELETE FROM user_weekly_activity s
         WHERE s.week >= bucket_from AND s.week < bucket_to
           AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.user_id = s.user_id AND f.week = s.week)
    )
    INSERT INTO user_weekly_activity AS s (week, user_id, login_count, entries_created, entries_updated, total_events)
    SELECT week, user_id, login_count, entries_created, entries_updated, total_events FROM fresh
    ON CONFLICT (user_id, week) DO UPDATE
       SET login_count = EXCLUDED.login_count,
           entries_created = EXCLUDED.entries_created,
           entries_updated = EXCLUDED.entries_updated,
           total_events = EXCLUDED.total_events
     WHERE (s.login_count, s.entries_created, s.entries_updated, s.total_events)
           IS DISTINCT FROM (EXCLUDED.login_count, EXCLUDED.entries_created, EXCLUDED.entries_updated,
                             EXCLUDED.total_events);
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION refresh_user_weekly_activity(TIMESTAMPTZ, TIMESTAMPTZ) IS
    'Recomputes the weekly buckets of user_weekly_activity that overlap the window from user_activity_events (buckets older than the 6-month retention are kept)';
