package com.mindflow.localstack.postgres;

import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.Env;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;
import com.mindflow.localstack.Processes;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PostgreSQL 17 from zonky's embedded binaries, with a persistent data folder and the {@code mindflow} role. */
public final class PostgresServer implements LocalServer, ConnectionDetails {

    public static final String USER = "mindflow";
    public static final String PASSWORD = "mindflow";
    public static final List<String> DATABASES = List.of("mindflow_write", "mindflow_read", "mindflow_analytics");

    private final int port = Env.port("MINDFLOW_DB_PORT", 5432);
    private EmbeddedPostgres postgres;
    private volatile ProcessHandle postmaster;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public boolean isRunning() {
        return Probe.postgres(port);
    }

    @Override
    public void start(Path dataDir, Path logDir) throws Exception {
        Path log = logDir.resolve(name() + ".log");
        // The binaries are unpacked once per home, not into /tmp where cleaners may remove them under a running server.
        Path binaries = Files.createDirectories(dataDir.getParent().getParent().resolve("cache").resolve("embedded-pg"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()));
        // zonky turns durability off for throw-away test databases (-F, synchronous_commit=off); this one keeps data.
        Map<String, String> config = new LinkedHashMap<>();
        config.put("fsync", "on");
        config.put("synchronous_commit", "on");
        config.put("full_page_writes", "on");
        config.put("listen_addresses", "localhost");
        config.put("max_connections", "200");
        config.put("shared_buffers", "48MB");
        config.put("work_mem", "4MB");
        config.put("maintenance_work_mem", "32MB");
        config.put("effective_cache_size", "256MB");
        config.put("wal_buffers", "4MB");
        config.put("max_wal_size", "256MB");
        config.put("min_wal_size", "64MB");
        config.put("max_worker_processes", "4");
        config.put("max_parallel_workers", "2");
        config.put("max_parallel_workers_per_gather", "1");
        config.put("timezone", "UTC");
        config.put("log_min_messages", "warning");
        config.forEach(builder::setServerConfig);
        postgres = builder.start();
        postmaster = postmasterOf(dataDir).orElse(null);
        ensureRole();
    }

    private static Optional<ProcessHandle> postmasterOf(Path dataDir) {
        return Processes.fromPidFile(dataDir.resolve("postmaster.pid"));
    }

    @Override
    public boolean adopt(Path dataDir) {
        postmaster = postmasterOf(dataDir).orElse(null);
        return postmaster != null;
    }

    @Override
    public boolean exited() {
        ProcessHandle current = postmaster;
        return current != null && !current.isAlive();
    }

    private void ensureRole() throws Exception {
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            // Superuser is acceptable on a developer's loopback stack; the migrator creates the databases with it.
            statement.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%s') THEN
                        CREATE ROLE %s LOGIN SUPERUSER CREATEDB PASSWORD '%s';
                      END IF;
                    END $$""".formatted(USER, USER, PASSWORD));
        }
    }

    @Override
    public void stop() {
        postmaster = null;
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("postgresql: stop failed: " + e.getMessage());
            }
            postgres = null;
        }
    }

    @Override
    public Map<String, String> connectionProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("postgresql.host", "localhost");
        p.put("postgresql.port", Integer.toString(port));
        p.put("postgresql.username", USER);
        p.put("postgresql.password", PASSWORD);
        p.put("postgresql.databases", String.join(",", DATABASES));
        p.put("postgresql.jdbc-url-prefix", "jdbc:postgresql://localhost:" + port + "/");
        return p;
    }
}
