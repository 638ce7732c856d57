-- Runs after every migrate (Flyway callback, not versioned): keeps partitions three months ahead each time the
-- migrator runs (./mindflow up, the Kubernetes Job), in addition to run_analytics_maintenance().
SELECT create_analytics_partitions(NOW() - INTERVAL '7 days', NOW() + INTERVAL '3 months');
