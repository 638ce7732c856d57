package com.mindflow.projection.analytics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.mindflow.support.jdbc.ReadAndAnalyticsDatabases;

/**
 * Runs {@code run_analytics_maintenance()} hourly (partitions ahead, aggregate refresh, retention: what TimescaleDB's
 * policies would do). A transaction-scoped advisory lock makes sure only one projection instance runs it at a time;
 * the others skip that hour's run.
 */
@Component
public class AnalyticsMaintenance {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsMaintenance.class);

    private final JdbcClient jdbc;
    private final AnalyticsStore store;

    AnalyticsMaintenance(@Qualifier(ReadAndAnalyticsDatabases.ANALYTICS) JdbcClient jdbc, AnalyticsStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Scheduled(cron = "${mindflow.analytics.maintenance-cron:0 5 * * * *}")
    void hourly() {
        run();
    }

    /** Runs the maintenance unless another instance is running it; true when this call ran it. */
    public boolean run() {
        Boolean ran = store.transactions().execute(status -> {
            boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('mindflow:analytics-maintenance'))")
                    .query(Boolean.class).single();
            if (!locked) {
                return false;
            }
            jdbc.sql("SELECT run_analytics_maintenance()").query().singleRow();
            return true;
        });
        log.info("Analytics maintenance {}", Boolean.TRUE.equals(ran) ? "done" : "skipped: running elsewhere");
        return Boolean.TRUE.equals(ran);
    }
}
