-- The seed's retention policies for plain PostgreSQL: drop raw event partitions that lie wholly before the
-- horizon (like TimescaleDB's drop_chunks), and delete the rows before it from the DEFAULT partition. Aggregates
-- and journal_insights are kept forever, as the seed says.

-- Drops the partitions of parent whose upper bound is at or before older_than; returns their names.
CREATE FUNCTION drop_time_partitions(parent TEXT, time_column TEXT, older_than TIMESTAMPTZ)
RETURNS SETOF TEXT AS $$
DECLARE
    part        RECORD;
    upper_bound TIMESTAMPTZ;
BEGIN
    FOR part IN
        SELECT c.relname::TEXT AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = to_regclass(quote_ident(parent))
         ORDER BY c.relname
    LOOP
        IF part.bound = 'DEFAULT' THEN
            EXECUTE format('DELETE FROM %I WHERE %I < $1', part.name, time_column) USING older_than;
            CONTINUE;
        END IF;
        upper_bound := substring(part.bound FROM 'TO \(''([^'']+)''\)')::TIMESTAMPTZ;
        IF upper_bound IS NOT NULL AND upper_bound <= older_than THEN
            EXECUTE format('DROP TABLE %I', part.name);
            RETURN NEXT part.name;
        END IF;
    END LOOP;
END;
$$ LANGUAGE plpgsql;

-- Seed: add_retention_policy('mood_events', INTERVAL '1 year'); add_retention_policy('user_activity_events',
-- INTERVAL '6 months'). Returns the dropped partitions (drop_chunks returns the dropped chunks on TimescaleDB).
CREATE FUNCTION apply_retention_policies()
RETURNS SETOF TEXT AS $$
BEGIN
    RETURN QUERY SELECT drop_time_partitions('mood_events', 'time', NOW() - INTERVAL '1 year');
    RETURN QUERY SELECT drop_time_partitions('user_activity_events', 'time', NOW() - INTERVAL '6 months');
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION apply_retention_policies() IS
    'Drops mood_events partitions older than 1 year and user_activity_events partitions older than 6 months';

-- What TimescaleDB's background jobs do, in one call for a scheduler (hourly, like the seed's policies):
-- partitions three months ahead, both aggregates refreshed over the seed's policy windows, retention applied.
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
    'Partitions ahead, aggregate refresh and retention: what the TimescaleDB policies do, for an hourly scheduler';
