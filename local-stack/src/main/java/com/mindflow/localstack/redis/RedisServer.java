package com.mindflow.localstack.redis;

import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.Env;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        // No 'logfile' setting: embedded-redis detects readiness from the server's stdout, which we copy to the log.
        server = redis.embedded.RedisServer.newRedisServer()
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
        server.start();
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
