package com.mindflow.auth.support;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Where the real servers of the integration tests are. Asks {@code com.mindflow.testsupport.LocalStack.servers()}
 * (module test-support) to start or reuse them and apply the migrations, and takes the connection details from it;
 * ports it does not report are the conventional ones (docs/CONVENTIONS.md), overridable with system properties
 * {@code mindflow.it.<server>.port}. Reflection keeps this module compiling while test-support is still being
 * written; once it is, this becomes a plain call.
 *
 * <p>Every server is probed; one that does not answer fails the test loudly, never skips it.
 */
public final class AuthStack {

    private static Details details;

    private AuthStack() {
    }

    public static synchronized Details servers() {
        if (details == null) {
            details = resolve();
            probe("PostgreSQL", "127.0.0.1", details.postgresPort());
            probe("Redis", details.redisHost(), details.redisPort());
            probe("Kafka", "127.0.0.1", Integer.parseInt(details.kafkaBootstrap().replaceAll(".*:", "")));
            probe("SMTP (GreenMail)", details.mailHost(), details.smtpPort());
            probe("IMAP (GreenMail)", details.mailHost(), details.imapPort());
        }
        return details;
    }

    private static Details resolve() {
        String jdbcUrl = null;
        String user = null;
        String password = null;
        String kafka = null;
        Object servers = localStackServers();
        if (servers != null) {
            jdbcUrl = (String) call(servers, "jdbcUrl", "mindflow_write");
            user = (String) call(servers, "dbUser");
            password = (String) call(servers, "dbPassword");
            kafka = (String) call(servers, "kafkaBootstrapServers");
        }
        int pgPort = port("postgres", 5432);
        if (jdbcUrl == null) {
            jdbcUrl = "jdbc:postgresql://127.0.0.1:" + pgPort + "/mindflow_write";
        }
        else {
            pgPort = Integer.parseInt(jdbcUrl.replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
        }
        return new Details(jdbcUrl, user == null ? "mindflow" : user, password == null ? "mindflow" : password,
                pgPort, "127.0.0.1", intOr(servers, "redisPort", port("redis", 6379)),
                kafka == null ? "127.0.0.1:" + port("kafka", 9092) : kafka, "127.0.0.1",
                intOr(servers, "smtpPort", port("smtp", 2525)), intOr(servers, "imapPort", port("imap", 2143)));
    }

    private static Object localStackServers() {
        if (Boolean.getBoolean("mindflow.it.external")) {
            return null; // servers started by hand on the given ports, schema applied by hand
        }
        try {
            Class<?> localStack = Class.forName("com.mindflow.testsupport.LocalStack");
            return localStack.getMethod("servers").invoke(null);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException("test-support's LocalStack is missing: the integration tests need it to "
                    + "start PostgreSQL, Redis, Kafka and GreenMail (or run with -Dmindflow.it.external=true "
                    + "against servers started by hand)", e);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LocalStack.servers() failed", e);
        }
    }

    private static Object call(Object target, String method, Object... args) {
        try {
            for (Method m : target.getClass().getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    return m.invoke(target, args);
                }
            }
            return null;
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Servers." + method + " failed", e);
        }
    }

    private static int intOr(Object servers, String method, int fallback) {
        if (servers == null || System.getProperty("mindflow.it." + method.replace("Port", "") + ".port") != null) {
            return fallback;
        }
        Object value = call(servers, method);
        return value instanceof Integer i ? i : fallback;
    }

    private static int port(String server, int conventional) {
        return Integer.getInteger("mindflow.it." + server + ".port", conventional);
    }

    private static void probe(String name, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        }
        catch (IOException e) {
            throw new IllegalStateException(name + " does not answer on " + host + ":" + port
                    + "; the integration tests need the real server", e);
        }
    }

    /** Connection details of the real servers. */
    public record Details(String jdbcUrl, String dbUser, String dbPassword, int postgresPort, String redisHost,
            int redisPort, String kafkaBootstrap, String mailHost, int smtpPort, int imapPort) {
    }
}
