package com.mindflow.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Where MindFlow's migrations live and how Flyway is set up for them, shared by the {@link Migrator} and by
 * service tests that migrate a database of their own.
 */
public final class Migrations {

    public static final String WRITE = "classpath:db/write";
    public static final String READ = "classpath:db/read";
    /** mindflow_analytics where the timescaledb extension is available: hypertables, continuous aggregates. */
    public static final String ANALYTICS_TIMESCALE = "classpath:db/analytics/timescale";
    /** mindflow_analytics on plain PostgreSQL: partitioned tables, aggregate tables kept by refresh functions. */
    public static final String ANALYTICS_POSTGRES = "classpath:db/analytics/postgres";

    public static final String WRITE_DATABASE = "mindflow_write";
    public static final String READ_DATABASE = "mindflow_read";
    public static final String ANALYTICS_DATABASE = "mindflow_analytics";

    private Migrations() {
    }

    /** Flyway for one location, as the migrator runs it: no placeholders (PL/pgSQL bodies), no clean, no baseline. */
    public static FluentConfiguration configure(DataSource dataSource, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .placeholderReplacement(false)
                .outputQueryResults(false)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .baselineOnMigrate(false)
                .connectRetries(0);
    }

    /**
     * Which analytics variant belongs in this database. One already migrated keeps its variant (TimescaleDB iff the
     * extension is installed in it), so installing TimescaleDB later never swaps the scripts under Flyway's history;
     * a new one gets TimescaleDB iff the server offers the extension.
     */
    public static String analyticsLocation(Connection analytics) throws SQLException {
        if (exists(analytics, "SELECT 1 FROM pg_class WHERE relname = 'flyway_schema_history' AND relkind IN ('r', 'p')"
                + " AND relnamespace = to_regnamespace(current_schema())::oid")) {
            return exists(analytics, "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")
                    ? ANALYTICS_TIMESCALE : ANALYTICS_POSTGRES;
        }
        return timescaleAvailable(analytics) ? ANALYTICS_TIMESCALE : ANALYTICS_POSTGRES;
    }

    public static boolean timescaleAvailable(Connection connection) throws SQLException {
        return exists(connection, "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
    }

    private static boolean exists(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }
}
