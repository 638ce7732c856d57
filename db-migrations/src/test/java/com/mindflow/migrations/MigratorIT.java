package com.mindflow.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The migrator as ./mindflow, docker-compose and the Kubernetes Job run it. */
class MigratorIT {

    @Test
    void secondRunChangesNothing() throws Exception {
        Map<String, List<String>> before = snapshot();

        // The stack migrated these databases when it started: this is the second run.
        List<Migrator.Result> second = new Migrator(Db.migratorSettings()).migrateAll();

        assertThat(second).extracting(Migrator.Result::applied).containsOnly(0);
        assertThat(second).extracting(Migrator.Result::database).containsExactly("mindflow_write", "mindflow_read",
                "mindflow_analytics");
        assertThat(second).extracting(Migrator.Result::version).containsExactly("9", "5", "11");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void createsAMissingDatabaseOnceEvenWhenAskedTwice() throws Exception {
        String name = "mindflow_create_it_" + Long.toHexString(System.nanoTime());
        Migrator migrator = new Migrator(Db.migratorSettings());
        try {
            assertThat(migrator.createIfMissing(name)).isTrue();
            assertThat(migrator.createIfMissing(name)).isFalse();
            try (Connection created = Db.connect(name)) {
                assertThat(Db.single(created, "SHOW server_encoding")).isEqualTo("UTF8");
            }
        }
        finally {
            new Db.Scratch(name).close();
        }
    }

    @Test
    void jarMigratesDatabasesGivenByUrlAndIsIdempotent() throws Exception {
        try (Db.Scratch write = Db.scratch("mindflow_jar_it_w");
             Db.Scratch read = Db.scratch("mindflow_jar_it_r");
             Db.Scratch analytics = Db.scratch("mindflow_jar_it_a")) {
            Map<String, String> env = serverEnv();
            env.put("MINDFLOW_WRITE_DB_URL", write.url());
            env.put("MINDFLOW_READ_DB_URL", read.url());
            env.put("MINDFLOW_ANALYTICS_DB_URL", analytics.url());

            Run first = runJar(env);
            assertThat(first.exitCode()).as(first.output()).isZero();
            String variant = timescaleAvailable() ? Migrations.ANALYTICS_TIMESCALE : Migrations.ANALYTICS_POSTGRES;
            assertThat(first.output())
                    .contains("mindflow_write: 9 migration(s) applied, now at version 9")
                    .contains("mindflow_read: 5 migration(s) applied, now at version 5")
                    .contains("mindflow_analytics: using " + variant)
                    .contains("mindflow_analytics: 11 migration(s) applied, now at version 11");

            Map<String, List<String>> after = new HashMap<>();
            for (Db.Scratch db : List.of(write, read, analytics)) {
                try (Connection c = db.connect()) {
                    after.put(db.name(), SchemaIT.catalog(c));
                }
            }
            Run second = runJar(env);
            assertThat(second.exitCode()).as(second.output()).isZero();
            assertThat(second.output()).contains("mindflow_write: 0 migration(s) applied, now at version 9")
                    .contains("mindflow_read: 0 migration(s) applied, now at version 5")
                    .contains("mindflow_analytics: 0 migration(s) applied, now at version 11");
            for (Db.Scratch db : List.of(write, read, analytics)) {
                try (Connection c = db.connect()) {
                    assertThat(SchemaIT.catalog(c)).as(db.name()).isEqualTo(after.get(db.name()));
                }
            }
        }
    }

    @Test
    void jarExitsNonZeroWhenItCannotMigrate() throws Exception {
        // A database given by URL must exist already: the migrator does not create it, and fails.
        Map<String, String> env = serverEnv();
        env.put("MINDFLOW_WRITE_DB_URL", Db.url("mindflow_missing_" + Long.toHexString(System.nanoTime())));
        env.put("MINDFLOW_DB_WAIT_SECONDS", "0");
        Run run = runJar(env);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("db-migrations FAILED").contains("does not exist");
    }

    private static boolean timescaleAvailable() throws Exception {
        try (Connection c = Db.connect("postgres")) {
            return Migrations.timescaleAvailable(c);
        }
    }

    /** Catalog and Flyway history of the stack's three databases. */
    private static Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> snapshot = new HashMap<>();
        for (String database : List.of("mindflow_write", "mindflow_read", "mindflow_analytics")) {
            try (Connection c = Db.connect(database)) {
                List<String> lines = new ArrayList<>(SchemaIT.catalog(c));
                Db.query(c, "SELECT version, checksum, success FROM flyway_schema_history ORDER BY installed_rank")
                        .forEach(row -> lines.add("history " + row));
                snapshot.put(database, lines);
            }
        }
        return snapshot;
    }

    private static Map<String, String> serverEnv() {
        MigratorSettings settings = Db.migratorSettings();
        Map<String, String> env = new HashMap<>();
        env.put("MINDFLOW_DB_HOST", settings.host());
        env.put("MINDFLOW_DB_PORT", Integer.toString(settings.port()));
        env.put("MINDFLOW_DB_USER", settings.user());
        env.put("MINDFLOW_DB_PASSWORD", settings.password());
        return env;
    }

    record Run(int exitCode, String output) {
    }

    private static Run runJar(Map<String, String> env) throws IOException, InterruptedException {
        Path jar = Path.of("target/db-migrations.jar");
        assertThat(jar).as("the packaged migrator (mvn package runs before the ITs)").isRegularFile();
        Path log = Files.createTempFile("db-migrations-it", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("MINDFLOW_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("db-migrations.jar did not finish: " + Files.readString(log));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(log);
        }
    }
}
