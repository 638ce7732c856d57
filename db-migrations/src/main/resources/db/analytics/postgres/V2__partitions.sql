-- Partition management for the plain-PostgreSQL variant (TimescaleDB creates its chunks by itself).
-- Weekly partitions start on Mondays at 00:00 UTC, aligned like time_bucket('7 days') (origin 2000-01-03, a
-- Monday), so one weekly bucket of user_weekly_activity never spans two partitions; monthly partitions start on
-- the first of the month at 00:00 UTC.

-- Creates the partition [lower_bound, upper_bound) of parent unless a table of that name exists; returns its name
-- when it was created. Rows that already sit in the DEFAULT partition for that range are moved into it (a new
-- partition cannot be attached while the default partition holds rows of its range).
CREATE FUNCTION create_time_partition(parent TEXT, time_column TEXT, lower_bound TIMESTAMPTZ,
                                      upper_bound TIMESTAMPTZ, suffix TEXT)
RETURNS TEXT AS $$
DECLARE
    partition_name TEXT := parent || '_p' || suffix;
    default_name   TEXT := parent || '_default';
    misplaced      BOOLEAN;
BEGIN
    IF to_regclass(quote_ident(partition_name)) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2)',
                   default_name, time_column, time_column)
        INTO misplaced USING lower_bound, upper_bound;
    IF NOT misplaced THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       partition_name, parent, lower_bound, upper_bound);
    ELSE
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name, parent);
        EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) '
                       'INSERT INTO %I SELECT * FROM moved',
                       default_name, time_column, time_column, partition_name)
            USING lower_bound, upper_bound;
        EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                       parent, partition_name, lower_bound, upper_bound);
    END IF;
    RETURN partition_name;
END;
$$ LANGUAGE plpgsql;

-- Creates every missing partition that overlaps [window_start, window_end): weekly ones of mood_events and
-- user_activity_events, monthly ones of journal_insights. Returns the names it created. Safe to call concurrently
-- and repeatedly (run_analytics_maintenance calls it to keep partitions ahead of time).
CREATE FUNCTION create_analytics_partitions(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)
RETURNS SETOF TEXT AS $$
DECLARE
    origin CONSTANT TIMESTAMPTZ := '2000-01-03 00:00:00+00';
    lower_bound TIMESTAMPTZ;
    upper_bound TIMESTAMPTZ;
    created     TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('mindflow:analytics-partitions'));

    lower_bound := date_bin('7 days', window_start, origin);
    WHILE lower_bound < window_end LOOP
        upper_bound := lower_bound + INTERVAL '7 days';
        created := create_time_partition('mood_events', 'time', lower_bound, upper_bound,
                                         to_char(lower_bound AT TIME ZONE 'UTC', 'YYYYMMDD'));
        IF created IS NOT NULL THEN RETURN NEXT created; END IF;
        created := create_time_partition('user_activity_events', 'time', lower_bound, upper_bound,
                                         to_char(lower_bound AT TIME ZONE 'UTC', 'YYYYMMDD'));
        IF created IS NOT NULL THEN RETURN NEXT created; END IF;
        lower_bound := upper_bound;
    END LOOP;

    lower_bound := date_trunc('month', window_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    WHILE lower_bound < window_end LOOP
        upper_bound := ((lower_bound AT TIME ZONE 'UTC') + INTERVAL '1 month') AT TIME ZONE 'UTC';
        created := create_time_partition('journal_insights', 'generated_at', lower_bound, upper_bound,
                                         to_char(lower_bound AT TIME ZONE 'UTC', 'YYYYMM'));
        IF created IS NOT NULL THEN RETURN NEXT created; END IF;
        lower_bound := upper_bound;
    END LOOP;
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION create_analytics_partitions(TIMESTAMPTZ, TIMESTAMPTZ) IS
    'Creates the missing weekly (mood_events, user_activity_events) and monthly (journal_insights) partitions overlapping the window';

-- A window around now; later windows come from run_analytics_maintenance() and the migrator's afterMigrate.
SELECT create_analytics_partitions(NOW() - INTERVAL '1 month', NOW() + INTERVAL '3 months');
