package com.mindflow.system.compose;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MindFlow run the way a deployment file configures it, on one machine: a network namespace of its own (made
 * here, removed on close) in which the host names of the files ({@code postgres}, {@code kafka},
 * {@code auth-service}, ...) resolve through {@code /etc/netns/<ns>/hosts}, the file {@code ip netns exec} puts in
 * place of {@code /etc/hosts}.
 * <p>
 * The stores are the local stack's servers (the same substitutes {@code ./mindflow up} runs), started inside the
 * namespace on ports of their own. Each store's name resolves to an address of its own in 127.0.0.0/8 where a
 * {@code socat} forwarder listens on the port the files name: {@code postgres:5432} answers, {@code 127.0.0.1:5432}
 * does not. So a service that misses its store's variable and falls back to its loopback default fails here as it
 * would in a container. Services run one process each, with {@code env -i} and exactly the environment given, the
 * image's working directory {@code /app} bind-mounted from a folder of its own. The host reaches the namespace
 * over a veth pair: the gateway answers on {@link #address()}.
 */
final class IsolatedDeployment implements AutoCloseable {

    /** A store of the deployment files and where the local stack runs it inside the namespace. */
    record Store(String host, String address, int port, String portVariable, int actualPort) {
    }

    static final List<Store> STORES = List.of(
            new Store("postgres", "127.0.0.11", 5432, "MINDFLOW_DB_PORT", 15432),
            new Store("redis", "127.0.0.12", 6379, "MINDFLOW_REDIS_PORT", 16379),
            new Store("kafka", "127.0.0.13", 9092, "MINDFLOW_KAFKA_PORT", 19092),
            new Store("elasticsearch", "127.0.0.14", 9200, "MINDFLOW_ELASTICSEARCH_PORT", 19200),
            new Store("mongodb", "127.0.0.15", 27017, "MINDFLOW_MONGO_PORT", 37017),
            new Store("s3", "127.0.0.16", 9000, "MINDFLOW_S3_PORT", 19000),
            new Store("mailpit", "127.0.0.17", 1025, "MINDFLOW_SMTP_PORT", 11025));

    /** Ports the services answer on (the gateway's readiness is on its management port). */
    static final Map<String, Integer> READINESS_PORTS = new LinkedHashMap<>();

    static {
        // The services in start order, auth first (the others fetch its keys), the gateway last.
        DockerComposeConfigIT.APPS.forEach((module, port) -> {
            if (!"api-gateway".equals(module)) {
                READINESS_PORTS.put(module, port);
            }
        });
        READINESS_PORTS.put("api-gateway", 8090);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Path root;
    private final Path work;
    private final String namespace;
    private final String hostLink;
    private final String address;
    private final String hostAddress;
    private final List<Process> forwarders = new ArrayList<>();
    private final String gatewayOnLoopback;
    private final Map<String, Process> services = new LinkedHashMap<>();
    private boolean serversStarted;

    private IsolatedDeployment(Path root, Path work, int slot) {
        this.root = root;
        this.work = work;
        this.namespace = "mindflow-parity-" + slot;
        this.hostLink = "mfpar" + slot + "h";
        this.hostAddress = "10.213." + slot + ".1";
        this.address = "10.213." + slot + ".2";
        this.gatewayOnLoopback = "127.0.3." + slot;
    }

    /** The namespace with its stores up; the caller runs migrations and services in it. */
    static IsolatedDeployment start(Path root) {
        int slot = (int) (ProcessHandle.current().pid() % 200) + 20;
        Path work = root.resolve("system-tests/target/parity");
        IsolatedDeployment deployment = new IsolatedDeployment(root, work, slot);
        try {
            deployment.createNamespace();
            deployment.startStores();
            return deployment;
        }
        catch (RuntimeException | Error e) {
            deployment.close();
            throw e;
        }
    }

    /**
     * The gateway's URL for the host's test clients. They connect from loopback addresses of their own (one per
     * client), which cannot reach the namespace's veth address: a forwarder on a loopback address of the host
     * passes the connections on to the gateway's port in the namespace.
     */
    String gatewayUrl() {
        return "http://" + gatewayOnLoopback + ":8080";
    }

    private void createNamespace() {
        cleanUpLeftovers();
        sh("ip netns add " + namespace);
        sh("ip -n " + namespace + " link set lo up");
        sh("ip link add " + hostLink + " type veth peer name eth0 netns " + namespace);
        sh("ip addr add " + hostAddress + "/30 dev " + hostLink + " && ip link set " + hostLink + " up");
        sh("ip -n " + namespace + " addr add " + address + "/30 dev eth0 && ip -n " + namespace + " link set eth0 up");
        StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
        for (Store store : STORES) {
            hosts.append(store.address()).append(' ').append(store.host()).append('\n');
        }
        int i = 1;
        for (String module : DeployedEnvironments.MODULES) {
            hosts.append("127.0.1.").append(i++).append(' ').append(module).append('\n');
        }
        write(Path.of("/etc/netns", namespace, "hosts"), hosts.toString());
    }

    /** A namespace of an earlier run killed before it could clean up. */
    private void cleanUpLeftovers() {
        run(List.of("sh", "-c", "ip netns pids " + namespace + " 2>/dev/null | xargs -r kill -9; "
                + "ip netns del " + namespace + " 2>/dev/null; ip link del " + hostLink + " 2>/dev/null; true"),
                Duration.ofSeconds(30));
    }

    private void startStores() {
        Tools.onPath("socat").orElseGet(() -> fail("socat is not installed (./mindflow test installs Debian's package)"));
        Path home = work.resolve("home");
        Path sharedCache = root.resolve(".mindflow/cache");
        try {
            Files.createDirectories(home);
            Files.createDirectories(sharedCache);
            Path cache = home.resolve("cache");
            if (!Files.exists(cache, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // Downloaded server binaries (PostgreSQL, Redis, Elasticsearch) are the main stack's: no second copy.
                Files.createSymbolicLink(cache, sharedCache);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "env",
                "MINDFLOW_HOME=" + home, "MINDFLOW_MIGRATIONS=false", "MINDFLOW_KAFKA_ADVERTISED=kafka:9092",
                "MINDFLOW_KAFKA_CONTROLLER_PORT=19093", "MINDFLOW_ELASTICSEARCH_TRANSPORT_PORT=19300",
                "MINDFLOW_IMAP_PORT=12143"));
        for (Store store : STORES) {
            command.add(store.portVariable() + "=" + store.actualPort());
        }
        command.addAll(List.of(java(), "-Dmindflow.root=" + root, "-jar", stackJar().toString(), "up", "--servers-only"));
        // Forwarders first: the broker reaches itself by its advertised name while it starts.
        for (Store store : STORES) {
            forwarders.add(spawn(List.of("ip", "netns", "exec", namespace, "socat",
                    "TCP-LISTEN:" + store.port() + ",bind=" + store.address() + ",fork,reuseaddr",
                    "TCP:127.0.0.1:" + store.actualPort()), work.resolve("socat-" + store.host() + ".log")));
        }
        forwarders.add(spawn(List.of("socat", "TCP-LISTEN:8080,bind=" + gatewayOnLoopback + ",fork,reuseaddr",
                "TCP:" + address + ":8080"), work.resolve("socat-gateway.log")));
        serversStarted = true;
        Tools.Result up = run(command, Duration.ofMinutes(10));
        if (up.exitCode() != 0) {
            fail("the stores did not start in the namespace:\n" + up.describe());
        }
    }

    /** Runs a one-shot module (the migrator) to its end; fails with its log unless it exits 0. */
    void runToCompletion(String module, Map<String, String> env, String variant) {
        Process process = launch(module, env, variant);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s (%s) did not finish within 5 minutes:\n%s", module, variant, tail(log(module, variant)));
            }
            if (process.exitValue() != 0) {
                fail("%s (%s) exited with %d:\n%s", module, variant, process.exitValue(), tail(log(module, variant)));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the services at once, as compose starts those whose dependencies are met, and waits until each is
     * ready; fails naming the first that never is, with its log.
     */
    void startTogether(List<String> modules, Map<String, Map<String, String>> environments, String variant) {
        for (String module : modules) {
            services.put(module, launch(module, environments.get(module), variant));
        }
        for (String module : modules) {
            awaitReady(module, services.get(module), variant);
        }
    }

    private void awaitReady(String module, Process process, String variant) {
        URI readiness = URI.create("http://" + address + ":" + READINESS_PORTS.get(module)
                + "/actuator/health/readiness");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("%s (%s) exited with %d before it was ready:\n%s", module, variant, process.exitValue(),
                        tail(log(module, variant)));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        fail("%s (%s) was not ready within 4 minutes (%s):\n%s", module, variant, readiness, tail(log(module, variant)));
    }

    /** Stops every service started so far (the stores stay for the next variant). */
    void stopServices() {
        services.values().forEach(Process::destroy);
        for (Process process : services.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
    }

    /**
     * {@code env -i}: nothing of this JVM's environment leaks in, only PATH (every image has one) and what the
     * deployment gives. {@code /app} is the image's working directory and home, a folder of this service's own.
     */
    private Process launch(String module, Map<String, String> env, String variant) {
        Path app = work.resolve(variant).resolve(module).resolve("app");
        try {
            Files.createDirectories(app);
            Files.createDirectories(Path.of("/app"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            fail("%s is not built: %s", module, jar);
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "sh", "-c",
                "mount --bind \"$0\" /app && cd /app && exec \"$@\"", app.toString(), "env", "-i", "PATH=" + PATH));
        if (!env.containsKey("HOME")) {
            command.add("HOME=/app");
        }
        env.forEach((name, value) -> command.add(name + "=" + (value == null ? "" : value)));
        command.addAll(List.of(java(), "-jar", jar.toString()));
        return spawn(command, log(module, variant));
    }

    private Path log(String module, String variant) {
        return work.resolve(variant).resolve(module + ".log");
    }

    @Override
    public void close() {
        stopServices();
        if (serversStarted) {
            run(List.of("ip", "netns", "exec", namespace, "env", "MINDFLOW_HOME=" + work.resolve("home"), java(),
                    "-Dmindflow.root=" + root, "-jar", stackJar().toString(), "down"), Duration.ofMinutes(3));
        }
        forwarders.forEach(Process::destroyForcibly);
        cleanUpLeftovers();
        try {
            Files.deleteIfExists(Path.of("/etc/netns", namespace, "hosts"));
            Files.deleteIfExists(Path.of("/etc/netns", namespace));
        }
        catch (IOException ignored) {
            // a leftover file is harmless; the next run overwrites it
        }
    }

    private Path stackJar() {
        return root.resolve("local-stack/target/local-stack.jar");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sh(String script) {
        Tools.Result result = run(List.of("sh", "-c", script), Duration.ofSeconds(30));
        if (result.exitCode() != 0) {
            fail("cannot set up the network namespace (needs root and iproute2):\n" + result.describe());
        }
    }

    private Tools.Result run(List<String> command, Duration timeout) {
        return Tools.run(root, timeout, command);
    }

    private Process spawn(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).directory(root.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectErrorStream(true).start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
        catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
