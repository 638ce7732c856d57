package com.mindflow.support.testing;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Where the real servers of MindFlow's integration tests are. Asks {@code com.mindflow.testsupport.LocalStack
 * .servers()} (module test-support) to start or reuse them and apply the migrations, and takes the connection details
 * it reports; anything it does not report is the conventional port of docs/CONVENTIONS.md, overridable with the
 * system property {@code mindflow.it.<server>.port}. The call goes through reflection only so this compiles while
 * test-support is still being written; then it becomes a plain call.
 *
 * <p>A server that does not answer fails the test loudly; nothing is skipped.
 */
public final class StackServers {

    private static Servers servers;

    private StackServers() {
    }

    /** The servers, started or reused; each one the caller names is probed. */
    public static synchronized Servers servers(Server... needed) {
        if (servers == null) {
            servers = resolve();
        }
        for (Server server : needed) {
            probe(server, servers);
        }
        return servers;
    }

    private static Servers resolve() {
        Object reported = localStack();
        String pgHost = "127.0.0.1";
        int pgPort = port("postgres", 5432);
        String dbUser = "mindflow";
        String dbPassword = "mindflow";
        String kafka = "127.0.0.1:" + port("kafka", 9092);
        int redisPort = port("redis", 6379);
        String elasticsearch = "http://127.0.0.1:" + port("elasticsearch", 9200);
        int mongoPort = port("mongo", 27017);
        String s3 = "http://127.0.0.1:" + port("s3", 9000);
        if (reported != null) {
            String jdbc = string(reported, "jdbcUrl", "mindflow_write");
            if (jdbc != null) {
                URI uri = URI.create(jdbc.substring("jdbc:".length()));
                pgHost = uri.getHost();
                pgPort = uri.getPort();
            }
            dbUser = orElse(string(reported, "dbUser"), dbUser);
            dbPassword = orElse(string(reported, "dbPassword"), dbPassword);
            kafka = orElse(string(reported, "kafkaBootstrapServers"), kafka);
            redisPort = integer(reported, "redisPort", redisPort);
            elasticsearch = orElse(string(reported, "elasticsearchUrl"), elasticsearch);
            mongoPort = integer(reported, "mongoPort", mongoPort);
            s3 = orElse(string(reported, "s3Endpoint"), s3);
        }
        return new Servers(pgHost, pgPort, dbUser, dbPassword, "127.0.0.1", redisPort, kafka, elasticsearch,
                "127.0.0.1", mongoPort, s3);
    }

    private static Object localStack() {
        if (Boolean.getBoolean("mindflow.it.external")) {
            return null; // servers started by hand on the given ports, schema applied by hand
        }
        try {
            return Class.forName("com.mindflow.testsupport.LocalStack").getMethod("servers").invoke(null);
        }
        catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalStateException("test-support's LocalStack.servers() is missing: integration tests need "
                    + "it to start the real servers (or run with -Dmindflow.it.external=true against servers "
                    + "started by hand)", e);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LocalStack.servers() failed", e);
        }
    }

    private static String string(Object target, String method, Object... args) {
        Object value = call(target, method, args);
        return value == null ? null : value.toString();
    }

    private static int integer(Object target, String method, int fallback) {
        return call(target, method) instanceof Integer i ? i : fallback;
    }

    private static Object call(Object target, String method, Object... args) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                }
                catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Servers." + method + " failed", e);
                }
            }
        }
        return null;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String server, int conventional) {
        return Integer.getInteger("mindflow.it." + server + ".port", conventional);
    }

    private static void probe(Server server, Servers s) {
        URI address = switch (server) {
            case POSTGRES -> URI.create("tcp://" + s.postgresHost() + ":" + s.postgresPort());
            case REDIS -> URI.create("tcp://" + s.redisHost() + ":" + s.redisPort());
            case KAFKA -> URI.create("tcp://" + s.kafkaBootstrapServers().split(",")[0]);
            case ELASTICSEARCH -> URI.create(s.elasticsearchUrl());
            case MONGO -> URI.create("tcp://" + s.mongoHost() + ":" + s.mongoPort());
            case S3 -> URI.create(s.s3Endpoint());
        };
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), 2000);
        }
        catch (IOException e) {
            throw new IllegalStateException(server + " does not answer on " + address.getHost() + ":"
                    + address.getPort() + "; the integration tests need the real server", e);
        }
    }

    public enum Server {
        POSTGRES, REDIS, KAFKA, ELASTICSEARCH, MONGO, S3
    }

    /** Connection details of the real servers. */
    public record Servers(String postgresHost, int postgresPort, String dbUser, String dbPassword, String redisHost,
            int redisPort, String kafkaBootstrapServers, String elasticsearchUrl, String mongoHost, int mongoPort,
            String s3Endpoint) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
        }

        public String mongoUri(String database) {
            return "mongodb://" + mongoHost + ":" + mongoPort + "/" + database;
        }
    }
}
