-- Drop raw mood events older than 1 year (aggregates are kept)
SELECT add_retention_policy('mood_events', INTERVAL '1 year');

-- Drop raw activity events older than 6 months
SELECT add_retention_policy('user_activity_events', INTERVAL '6 months');

-- Keep insights forever (small dataset)
-- No retention policy on journal_insights

-- What the retention policies do, on demand, with the same signature as on the plain-PostgreSQL variant:
-- returns the dropped chunks.
CREATE FUNCTION apply_retention_policies()
RETURNS SETOF TEXT AS $$
BEGIN
    RETURN QUERY SELECT drop_chunks('mood_events', older_than => INTERVAL '1 year')::TEXT;
    RETURN QUERY SELECT drop_chunks('user_activity_events', older_than => INTERVAL '6 months')::TEXT;
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION apply_retention_policies() IS
    'Drops mood_events chunks older than 1 year and user_activity_events chunks older than 6 months';

-- TimescaleDB's background jobs already do this hourly; the function exists so that one scheduler call works on
-- both variants.
CREATE FUNCTION run_analytics_maintenance()
RETURNS VOID AS $$
BEGIN
    PERFORM create_analytics_partitions(NOW() - INTERVAL '7 days', NOW() + INTERVAL '3 months');
    PERFORM refresh_mood_daily_summary(NOW() - INTERVAL '7 days', NOW());
    PERFORM refresh_user_weekly_activity(NOW() - INTERVAL '4 weeks', NOW());
    PERFORM apply_retention_policies();
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION run_analytics_maintenance() IS
    'Partitions ahead, aggregate refresh and retention: TimescaleDB''s policies do all of it; kept for one call on both variants';
