package com.mindflow.localstack.redis;

import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.Env;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;
import redis.embedded.core.ExecutableProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Redis 6.2 from the embedded-redis jar; append-only file plus snapshots in its data folder. */
public final class RedisServer implements LocalServer, ConnectionDetails {

    private final int port = Env.port("MINDFLOW_REDIS_PORT", 6379);
    private redis.embedded.RedisServer server;
    private PrintWriter log;

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public boolean isRunning() {
        return Probe.redis(port);
    }

    @Override
    public void start(Path dataDir, Path logDir) throws Exception {
        log = new PrintWriter(Files.newBufferedWriter(logDir.resolve(name() + ".log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        Path binary = cachedBinary(dataDir.getParent().getParent().resolve("cache").resolve("redis"));
        // Another thread of the supervisor may fork (s3proxy, Elasticsearch) while a freshly written binary is still
        // open for writing; exec then fails with "Text file busy". That passes within moments.
        for (int attempt = 1; ; attempt++) {
            // No 'logfile' setting: embedded-redis detects readiness from the server's stdout, copied to the log.
            server = redis.embedded.RedisServer.newRedisServer()
                    .executableProvider(binary == null ? ExecutableProvider.newJarResourceProvider() : binary::toFile)
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDir)
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save 300 1")
                    .setting("maxmemory 128mb")
                    .setting("maxmemory-policy noeviction")
                    .soutListener(log::println)
                    .serrListener(log::println)
                    .build();
            try {
                server.start();
                return;
            } catch (IOException e) {
                if (attempt >= 5 || !String.valueOf(rootCause(e).getMessage()).contains("Text file busy")) {
                    throw e;
                }
                Thread.sleep(300L * attempt);
            }
        }
    }

    /**
     * The redis-server binary bundled in embedded-redis, unpacked once per home (the library's default unpacks a new
     * copy into /tmp on every start and leaves them there). Null on platforms without a bundled binary we know.
     */
    private static Path cachedBinary(Path dir) throws IOException {
        String resource = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "redis-server-6.2.6-v5-linux-amd64";
            case "aarch64", "arm64" -> "redis-server-6.2.7-linux-arm64";
            default -> null;
        };
        if (resource == null || !System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        Path binary = dir.resolve(resource);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, resource, ".tmp");
        try (InputStream in = redis.embedded.RedisServer.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                Files.deleteIfExists(temp);
                return null;
            }
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        temp.toFile().setExecutable(true, false);
        Files.move(temp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return binary;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                System.err.println("redis: stop failed: " + e.getMessage());
            }
            server = null;
        }
        if (log != null) {
            log.close();
        }
    }

    @Override
    public Map<String, String> connectionProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("redis.host", "localhost");
        p.put("redis.port", Integer.toString(port));
        return p;
    }
}
