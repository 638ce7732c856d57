package com.mindflow.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real MindFlow servers for tests, started with the same code as {@code ./mindflow up}
 * ({@code java -jar local-stack/target/local-stack.jar up --servers-only}) and reused when already running.
 * Several test JVMs may call this at once: a file lock in {@code .mindflow/run/} lets one of them start the stack
 * while the others wait. A server that cannot start fails the calling test with the log tail; nothing is skipped.
 */
public final class LocalStack {

    private static final long UP_TIMEOUT_MINUTES = 15;

    private static Servers servers;
    private static String gatewayUrl;

    private LocalStack() {
    }

    /** Servers running, database migrations applied; connection details of each. Cached per JVM. */
    public static synchronized Servers servers() {
        if (servers == null) {
            Layout layout = Layout.locate();
            ensure(layout, true);
            servers = Servers.from(layout.connectionProperties());
        }
        return servers;
    }

    /** Servers plus every service and the gateway (for system tests); returns the gateway's base URL. */
    public static synchronized String services() {
        if (gatewayUrl == null) {
            Layout layout = Layout.locate();
            ensure(layout, false);
            Properties properties = layout.connectionProperties();
            if (servers == null) {
                servers = Servers.from(properties);
            }
            gatewayUrl = properties.getProperty("gateway.url", "http://localhost:8080");
        }
        return gatewayUrl;
    }

    /**
     * {@code up --replicas n}: with 2, a second command-, query- and projection-service (named
     * {@code <module>-2}, on the module's port plus 100) join the running stack; with 1 they stop again.
     */
    public static synchronized void replicas(int n) {
        services();
        Layout layout = Layout.locate();
        try {
            Files.createDirectories(layout.run());
            try (FileChannel channel = FileChannel.open(layout.run().resolve("test-support.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                runUp(layout, false, "--replicas", Integer.toString(n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scale the local stack", e);
        }
    }

    /**
     * {@code kill -9} of a service instance ({@code projection-service-2}) that the stack's keeper then leaves dead,
     * as a node lost for good would: its keeper entry goes first. {@code up} starts it again.
     */
    public static void killForGood(String instance) {
        Layout layout = Layout.locate();
        try {
            Files.deleteIfExists(layout.run().resolve(instance + ".command"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle process = serviceProcess(instance)
                .orElseThrow(() -> new IllegalStateException(instance + " is not running"));
        process.destroyForcibly();
        process.onExit().join();
    }

    /**
     * Starts again whatever server is not answering (after a test killed one), as {@code ./mindflow up} would: the
     * whole set under a new supervisor. Services keep running and must find the servers again by themselves.
     */
    public static synchronized void restartServers() {
        ensure(Layout.locate(), true);
    }

    /**
     * A server's process: {@code supervisor} (the JVM that hosts Kafka, the MongoDB-protocol server and the mail
     * server), {@code postgresql} (the postmaster) or {@code elasticsearch} (its launcher); empty when it is not running.
     */
    public static Optional<ProcessHandle> serverProcess(String name) {
        Layout layout = Layout.locate();
        Path pidFile = switch (name) {
            case "supervisor" -> layout.run().resolve("servers.pid");
            case "postgresql" -> layout.home().resolve("data/postgresql/postmaster.pid");
            // The launcher; the node itself is its child process.
            case "elasticsearch" -> layout.home().resolve("data/elasticsearch/elasticsearch.pid");
            default -> throw new IllegalArgumentException("no pid file known for " + name);
        };
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            String pid = Files.readAllLines(pidFile).getFirst().trim();
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException | java.util.NoSuchElementException e) {
            return Optional.empty();
        }
    }

    /**
     * The process of a service {@link #services()} started (from its pid file), for tests that kill one or watch
     * that it stays up; empty when it is not running.
     */
    public static Optional<ProcessHandle> serviceProcess(String module) {
        Path pidFile = Layout.locate().run().resolve(module + ".pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A service's or server's log file in this home. */
    public static Path logFile(String name) {
        return Layout.locate().home().resolve("logs").resolve(name + ".log");
    }

    /** What {@code ./mindflow status} prints for this home. */
    public static String status() {
        Layout layout = Layout.locate();
        Path jar = layout.root().resolve("local-stack/target/local-stack.jar");
        try {
            Process process = new ProcessBuilder(javaCommand(), "-Dmindflow.root=" + layout.root(), "-jar",
                    copyOf(jar, layout).toString(), "status").directory(layout.root().toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(1, TimeUnit.MINUTES);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void ensure(Layout layout, boolean serversOnly) {
        try {
            Files.createDirectories(layout.run());
            try (FileChannel channel = FileChannel.open(layout.run().resolve("test-support.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (serversOnly && layout.serversAnswer() && layout.migrationsCurrent()) {
                    return;
                }
                runUp(layout, serversOnly);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local stack", e);
        }
    }

    private static void runUp(Layout layout, boolean serversOnly, String... options) throws IOException {
        Path jar = layout.root().resolve("local-stack/target/local-stack.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl local-stack package "
                    + "(a module's tests depend on test-support, which orders local-stack before them)");
        }
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Dmindflow.root=" + layout.root(),
                "-jar", copyOf(jar, layout).toString(), "up"));
        if (serversOnly) {
            command.add("--servers-only");
        }
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .directory(layout.root().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        // Echo through System.out (not the inherited fd) so Maven's forked test JVM keeps its output channel clean.
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[local-stack] " + line);
                last.addLast(line);
                if (last.size() > 200) {
                    last.removeFirst();
                }
            }
        }
        try {
            if (!process.waitFor(UP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("local-stack up did not finish within " + UP_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local stack", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("local-stack " + String.join(" ", command.subList(4, command.size()))
                    + " failed (exit " + process.exitValue() + "):\n" + String.join("\n", last));
        }
    }

    /**
     * A copy named after the jar's build, as ./mindflow makes: `up` may wait for minutes, and a build that rewrites
     * target/local-stack.jar meanwhile would break its class loading. ./mindflow removes copies no process uses.
     */
    private static Path copyOf(Path jar, Layout layout) throws IOException {
        String key = Files.getLastModifiedTime(jar).toMillis() / 1000 + "-" + Files.size(jar);
        Path dir = Files.createDirectories(layout.home().resolve("cache").resolve("cli"));
        Path copy = dir.resolve("local-stack-" + key + ".jar");
        if (!Files.isRegularFile(copy)) {
            Path temp = Files.createTempFile(dir, "local-stack-", ".tmp");
            Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return copy;
    }

    private static String javaCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    /** The repository (folder of the {@code mindflow} script) and the stack's home, as local-stack resolves them. */
    record Layout(Path root, Path home) {

        static Layout locate() {
            Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
            for (Path d = dir; d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("mindflow")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                    String override = System.getenv("MINDFLOW_HOME");
                    Path home = override == null || override.isBlank() ? d.resolve(".mindflow") : Path.of(override);
                    return new Layout(d, home.toAbsolutePath().normalize());
                }
            }
            throw new IllegalStateException("no MindFlow repository (a folder with the 'mindflow' script) above " + dir);
        }

        Path run() {
            return home.resolve("run");
        }

        Properties connectionProperties() {
            Path file = run().resolve("servers.properties");
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("local-stack up succeeded but wrote no " + file, e);
            }
            return properties;
        }

        /** Every port local-stack reported last time answers. */
        boolean serversAnswer() {
            if (!Files.isRegularFile(run().resolve("servers.properties"))) {
                return false;
            }
            Properties properties = connectionProperties();
            boolean any = false;
            for (String key : properties.stringPropertyNames()) {
                if (key.endsWith(".ports") && !key.startsWith("gateway")) {
                    for (String port : properties.getProperty(key).split(",")) {
                        any = true;
                        if (!answers(Integer.parseInt(port.trim()))) {
                            return false;
                        }
                    }
                }
            }
            return any;
        }

        /** The migrations of the current db-migrations jar were applied (local-stack stamps them after each run). */
        boolean migrationsCurrent() {
            Path jar = root.resolve("db-migrations/target/db-migrations.jar");
            Path stamp = run().resolve("migrations.stamp");
            try {
                return !Files.isRegularFile(jar)
                        || (Files.isRegularFile(stamp)
                        && Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(jar)) >= 0);
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean answers(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
