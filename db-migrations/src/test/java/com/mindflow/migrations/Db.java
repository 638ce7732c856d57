package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.postgresql.util.PSQLException;

import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/** The real PostgreSQL of the local stack (test-support's LocalStack), and small JDBC helpers for the ITs. */
final class Db {

    /** Started or reused, migrations applied (local-stack runs target/db-migrations.jar). */
    private static final Servers SERVERS = LocalStack.servers();

    private Db() {
    }

    static String url(String database) {
        return SERVERS.jdbcUrl(database);
    }

    static String user() {
        return SERVERS.dbUser();
    }

    static String password() {
        return SERVERS.dbPassword();
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user(), password());
    }

    /** Migrator settings that point at the local stack's server. */
    static MigratorSettings migratorSettings() {
        return MigratorSettings.from(Map.of(
                "MINDFLOW_DB_HOST", SERVERS.postgresHost(),
                "MINDFLOW_DB_PORT", Integer.toString(SERVERS.postgresPort()),
                "MINDFLOW_DB_USER", SERVERS.dbUser(),
                "MINDFLOW_DB_PASSWORD", SERVERS.dbPassword()));
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }

    static List<List<Object>> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        // timestamptz as OffsetDateTime (the driver's default is java.sql.Timestamp)
                        row.add("timestamptz".equals(rs.getMetaData().getColumnTypeName(i))
                                ? rs.getObject(i, OffsetDateTime.class) : rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    static Object single(Connection c, String sql, Object... args) throws SQLException {
        List<List<Object>> rows = query(c, sql, args);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("Expected one value from " + sql + " but got " + rows);
        }
        return rows.get(0).get(0);
    }

    interface Insert {
        void run() throws SQLException;
    }

    /** Asserts that the statement fails on exactly this constraint (as the server names it). */
    static void assertRejected(String constraint, Insert insert) {
        SQLException e = catchThrowableOfType(SQLException.class, insert::run);
        assertThat((Throwable) e).as("expected %s to reject the row", constraint).isNotNull();
        assertThat(violatedConstraint(e)).as(e.getMessage()).isEqualTo(constraint);
    }

    /** The name of the constraint the server reports for a failed statement (null if none). */
    static String violatedConstraint(SQLException e) {
        return e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getConstraint() : null;
    }

    /** A new empty database on the same server, dropped on close: for tests that reshape a schema. */
    static Scratch scratch(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        }
        return new Scratch(name);
    }

    record Scratch(String name) implements AutoCloseable {

        String url() {
            return Db.url(name);
        }

        Connection connect() throws SQLException {
            return Db.connect(name);
        }

        @Override
        public void close() throws SQLException {
            try (Connection admin = Db.connect("postgres"); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
