package com.mindflow.migrations;

import java.time.Duration;
import java.util.Map;

/**
 * The migrator's settings, from environment variables.
 *
 * <p>By default every database is on one server ({@code MINDFLOW_DB_HOST}, {@code MINDFLOW_DB_PORT},
 * {@code MINDFLOW_DB_USER}, {@code MINDFLOW_DB_PASSWORD}) and the migrator creates the missing ones through the
 * {@code postgres} database. {@code MINDFLOW_WRITE_DB_URL}, {@code MINDFLOW_READ_DB_URL} and
 * {@code MINDFLOW_ANALYTICS_DB_URL} point one database elsewhere (e.g. a managed instance in Kubernetes); such a
 * database is expected to exist already (user and password may be given in the URL, else the common ones apply).
 *
 * @param waitForServer how long to keep retrying the first connection (the server may still be starting)
 */
public record MigratorSettings(
        String host,
        int port,
        String user,
        String password,
        String writeUrl,
        String readUrl,
        String analyticsUrl,
        Duration waitForServer) {

    public static MigratorSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static MigratorSettings from(Map<String, String> env) {
        return new MigratorSettings(
                env.getOrDefault("MINDFLOW_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("MINDFLOW_DB_PORT", "5432")),
                env.getOrDefault("MINDFLOW_DB_USER", "mindflow"),
                env.getOrDefault("MINDFLOW_DB_PASSWORD", "mindflow"),
                blankToNull(env.get("MINDFLOW_WRITE_DB_URL")),
                blankToNull(env.get("MINDFLOW_READ_DB_URL")),
                blankToNull(env.get("MINDFLOW_ANALYTICS_DB_URL")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("MINDFLOW_DB_WAIT_SECONDS", "60"))));
    }

    public String serverUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The JDBC URL of one of the three databases, and whether the migrator is to create it when missing. */
    public Target target(String database) {
        String override = switch (database) {
            case Migrations.WRITE_DATABASE -> writeUrl;
            case Migrations.READ_DATABASE -> readUrl;
            case Migrations.ANALYTICS_DATABASE -> analyticsUrl;
            default -> throw new IllegalArgumentException("Unknown database " + database);
        };
        return override == null ? new Target(database, serverUrl(database), true) : new Target(database, override, false);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public record Target(String database, String url, boolean create) {
    }
}
