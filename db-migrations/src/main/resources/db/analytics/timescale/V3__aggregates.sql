-- The seed's continuous aggregates and refresh policies. Real-time aggregation (materialized_only = false) is on,
-- so a query sees events that no refresh has materialized yet; that is what lets refresh_mood_daily_summary and
-- refresh_user_weekly_activity be no-ops here while the plain-PostgreSQL variant's tables need them.

CREATE MATERIALIZED VIEW mood_daily_summary
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT
    time_bucket('1 day', time) AS day,
    user_id,
    COUNT(*) AS entry_count,
    AVG(mood_score) AS avg_mood_score,
    -- mode() drops the length of varchar(20); cast back so both variants' column types agree
    (MODE() WITHIN GROUP (ORDER BY mood))::VARCHAR(20) AS most_common_mood,
    SUM(word_count) AS total_words
FROM mood_events
GROUP BY day, user_id
WITH NO DATA;

-- Refresh policy: update every hour for last 7 days
SELECT add_continuous_aggregate_policy('mood_daily_summary',
    start_offset => INTERVAL '7 days',
    end_offset => INTERVAL '1 hour',
    schedule_interval => INTERVAL '1 hour');

COMMENT ON VIEW mood_daily_summary IS 'Pre-computed daily mood aggregates';


CREATE MATERIALIZED VIEW user_weekly_activity
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT
    time_bucket('7 days', time) AS week,
    user_id,
    COUNT(*) FILTER (WHERE event_type = 'login') AS login_count,
    COUNT(*) FILTER (WHERE event_type = 'entry_created') AS entries_created,
    COUNT(*) FILTER (WHERE event_type = 'entry_updated') AS entries_updated,
    COUNT(*) AS total_events
FROM user_activity_events
GROUP BY week, user_id
WITH NO DATA;

SELECT add_continuous_aggregate_policy('user_weekly_activity',
    start_offset => INTERVAL '4 weeks',
    end_offset => INTERVAL '1 hour',
    schedule_interval => INTERVAL '1 hour');



-- Same signatures as the plain-PostgreSQL variant. refresh_continuous_aggregate() cannot run inside a function
-- (it commits), and need not: real-time aggregation shows new events at once, and the hourly policies
-- materialize late ones.
CREATE FUNCTION refresh_mood_daily_summary(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)
RETURNS VOID AS $$
BEGIN
    RETURN;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION refresh_user_weekly_activity(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)
RETURNS VOID AS $$
BEGIN
    RETURN;
END;
$$ LANGUAGE plpgsql;
