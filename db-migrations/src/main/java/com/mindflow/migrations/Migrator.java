package com.mindflow.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates MindFlow's three PostgreSQL databases when missing and migrates each with Flyway. A plain main, no
 * Spring, so that it starts fast: {@code ./mindflow up}, docker-compose and the Kubernetes Job run it as
 * {@code java -jar db-migrations.jar}. Exits non-zero on any failure.
 */
public final class Migrator {

    private final MigratorSettings settings;

    public Migrator(MigratorSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        // Flyway logs through slf4j-simple in the jar: one line per message on stdout.
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        int status;
        try {
            long t0 = System.nanoTime();
            List<Result> results = new Migrator(MigratorSettings.fromEnvironment()).migrateAll();
            for (Result result : results) {
                log("%s: %d migration(s) applied, now at version %s (%s)".formatted(result.database(),
                        result.applied(), result.version(), result.location()));
            }
            log("done in %d ms".formatted((System.nanoTime() - t0) / 1_000_000));
            status = 0;
        }
        catch (Exception e) {
            System.err.println("db-migrations FAILED: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** What one database went through. */
    public record Result(String database, String location, int applied, String version, boolean created) {
    }

    /** Write, read and analytics databases in this order; stops at the first failure. */
    public List<Result> migrateAll() throws SQLException, InterruptedException {
        List<Result> results = new ArrayList<>();
        for (String database : List.of(Migrations.WRITE_DATABASE, Migrations.READ_DATABASE,
                Migrations.ANALYTICS_DATABASE)) {
            results.add(migrate(settings.target(database)));
        }
        return results;
    }

    private Result migrate(MigratorSettings.Target target) throws SQLException, InterruptedException {
        boolean created = target.create() && createIfMissing(target.database());
        String location;
        try (Connection connection = connect(target.url())) {
            location = switch (target.database()) {
                case Migrations.WRITE_DATABASE -> Migrations.WRITE;
                case Migrations.READ_DATABASE -> Migrations.READ;
                default -> Migrations.analyticsLocation(connection);
            };
        }
        if (target.database().equals(Migrations.ANALYTICS_DATABASE)) {
            log("%s: using %s (%s)".formatted(target.database(), location,
                    location.equals(Migrations.ANALYTICS_TIMESCALE)
                            ? "TimescaleDB: hypertables, continuous aggregates, policies"
                            : "no TimescaleDB here: partitioned tables, aggregate tables, SQL maintenance functions"));
        }
        MigrateResult result = Migrations.configure(new DriverDataSource(target.url(), settings.user(),
                settings.password()), location).load().migrate();
        return new Result(target.database(), location, result.migrationsExecuted,
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                created);
    }

    /** Creates the database through the server's {@code postgres} database; true if it had to. Race-safe. */
    boolean createIfMissing(String database) throws SQLException, InterruptedException {
        try (Connection admin = connect(settings.serverUrl("postgres"))) {
            try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"")
                        + "\" ENCODING 'UTF8' TEMPLATE template0");
                log(database + ": created");
                return true;
            }
            catch (SQLException e) {
                // Another migrator created it between our check and our CREATE: that is what we wanted.
                if ("42P04".equals(e.getSQLState()) || "23505".equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }
    }

    /** Connects, retrying while the server is unreachable or still starting, up to the configured wait. */
    private Connection connect(String url) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(settings.waitForServer());
        Duration pause = Duration.ofMillis(200);
        while (true) {
            try {
                return DriverManager.getConnection(url, settings.user(), settings.password());
            }
            catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                boolean transientFailure = state.startsWith("08") || state.equals("57P03");
                if (!transientFailure || Instant.now().plus(pause).isAfter(deadline)) {
                    throw e;
                }
                log("waiting for PostgreSQL at %s: %s".formatted(url, e.getMessage()));
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2)
                        : pause.multipliedBy(2);
            }
        }
    }

    private static void log(String message) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [db-migrations] " + message);
    }
}
