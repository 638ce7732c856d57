-- TimescaleDB creates chunks by itself. create_analytics_partitions exists so that the same call works on both
-- variants (the plain-PostgreSQL variant creates partitions ahead with it); here it creates nothing.
CREATE FUNCTION create_analytics_partitions(window_start TIMESTAMPTZ, window_end TIMESTAMPTZ)
RETURNS SETOF TEXT AS $$
BEGIN
    RETURN;
END;
$$ LANGUAGE plpgsql;

COMMENT ON FUNCTION create_analytics_partitions(TIMESTAMPTZ, TIMESTAMPTZ) IS
    'No-op on TimescaleDB (chunks are created on insert); creates partitions on the plain-PostgreSQL variant';
