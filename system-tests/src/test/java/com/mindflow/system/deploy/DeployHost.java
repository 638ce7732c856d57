package com.mindflow.system.deploy;

import com.mindflow.system.compose.Repo;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container engine {@code ./mindflow verify-deploy} starts for these tests: a podman API service (Docker
 * compatible, so Testcontainers and docker-compose talk to it through {@code DOCKER_HOST}) running in a network
 * namespace of its own, {@code MINDFLOW_DEPLOY_NETNS}. Containers' networks and published ports live in that
 * namespace; {@link #forward} makes one container port reachable from this JVM.
 * <p>
 * podman 4.3 runs healthchecks from systemd timers, and there is no systemd here: {@link #runHealthChecks()} runs
 * them instead (what the timers would do), so docker-compose's {@code condition: service_healthy} is met.
 */
final class DeployHost {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Path root;
    final Path socket;
    final String namespace;
    final String storeImage;
    final Path work;
    private final List<Process> forwarders = new ArrayList<>();

    private DeployHost(Path root, Path socket, String namespace, String storeImage) {
        this.root = root;
        this.socket = socket;
        this.namespace = namespace;
        this.storeImage = storeImage;
        this.work = root.resolve("system-tests/target/deploy");
    }

    static DeployHost fromEnvironment() {
        String socket = System.getenv("MINDFLOW_PODMAN_SOCKET");
        String namespace = System.getenv("MINDFLOW_DEPLOY_NETNS");
        if (socket == null || namespace == null) {
            fail("run these tests with ./mindflow verify-deploy (it builds the images and starts the podman service; "
                    + "MINDFLOW_PODMAN_SOCKET and MINDFLOW_DEPLOY_NETNS are not set)");
        }
        String storeImage = System.getenv().getOrDefault("MINDFLOW_STORE_IMAGE",
                "localhost/mindflow/store-substitute:local");
        return new DeployHost(Repo.root(), Path.of(socket), namespace, storeImage);
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return String.join(" ", command) + " → exit " + exitCode + "\n" + stdout + "\n" + stderr;
        }

        Result ok() {
            if (exitCode != 0) {
                fail(describe());
            }
            return this;
        }
    }

    /** {@code podman --remote} against the service: networks and pods are made in its namespace, not this one's. */
    Result podman(Duration timeout, String... args) {
        return podmanWithInput(null, timeout, args);
    }

    Result podmanWithInput(String input, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("podman", "--remote", "--url", "unix://" + socket));
        command.addAll(List.of(args));
        return run(command, input, timeout);
    }

    static Result run(List<String> command, String input, Duration timeout) {
        try {
            Path in = Files.createTempFile("deploy-tool", ".in");
            Path out = Files.createTempFile("deploy-tool", ".out");
            Path err = Files.createTempFile("deploy-tool", ".err");
            try {
                Files.writeString(in, input == null ? "" : input);
                Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    return new Result(command, -1, Files.readString(out), "timed out after " + timeout + "\n"
                            + Files.readString(err));
                }
                return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            }
            finally {
                Files.deleteIfExists(in);
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the healthcheck of every container still starting (or unhealthy) in the background, until closed, each
     * no more often than its own interval (podman counts the failures against the container's retries, so running
     * them faster would mark a slow starter unhealthy sooner than the compose file allows). podman applies the
     * container's start period and retries to the outcomes.
     */
    AutoCloseable runHealthChecks() {
        Map<String, Instant> due = new HashMap<>();
        Thread thread = Thread.ofPlatform().daemon().name("podman-healthchecks").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (String health : List.of("starting", "unhealthy")) {
                        Result ids = podman(Duration.ofSeconds(30), "ps", "-q", "--filter", "health=" + health);
                        for (String id : ids.stdout().split("\\s+")) {
                            if (!id.isBlank() && !Instant.now().isBefore(due.getOrDefault(id, Instant.MIN))) {
                                podman(Duration.ofSeconds(60), "healthcheck", "run", id);
                                due.put(id, Instant.now().plus(interval(id)));
                            }
                        }
                    }
                    Thread.sleep(1_000);
                }
                catch (InterruptedException e) {
                    return;
                }
                catch (RuntimeException e) {
                    // the service is going away; the next round tries again
                }
            }
        });
        return thread::interrupt;
    }

    /** The container's healthcheck interval as podman prints it (Go durations: 5s, 1m30s, 500ms); 30 s if unset. */
    private Duration interval(String container) {
        String text = podman(Duration.ofSeconds(30), "inspect", "--format", "{{.Config.Healthcheck.Interval}}",
                container).stdout().strip();
        Matcher part = Pattern.compile("(\\d+)(ms|h|m|s)").matcher(text);
        Duration interval = Duration.ZERO;
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            interval = interval.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return interval.isZero() ? Duration.ofSeconds(30) : interval;
    }

    /**
     * Makes {@code address:port} of the namespace (a container's address on its network) reachable from this JVM:
     * a socat in the namespace listens on a Unix socket (file-system sockets cross namespaces), a socat here on a
     * loopback address of its own passes connections to it. Returns the base URL; {@link #close()} stops both.
     */
    String forward(String address, int port) {
        try {
            Files.createDirectories(work);
            Path unixSocket = work.resolve("forward-" + address + "-" + port + ".sock");
            Files.deleteIfExists(unixSocket);
            String localAddress = "127.0.2." + (1 + forwarders.size() / 2);
            int localPort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(localAddress))) {
                localPort = probe.getLocalPort();
            }
            forwarders.add(spawn(List.of("nsenter", "--net=/run/netns/" + namespace, "socat",
                    "UNIX-LISTEN:" + unixSocket + ",fork,unlink-early", "TCP:" + address + ":" + port),
                    work.resolve("forward-" + address + "-in.log")));
            Instant deadline = Instant.now().plusSeconds(10);
            while (!Files.exists(unixSocket) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            forwarders.add(spawn(List.of("socat",
                    "TCP-LISTEN:" + localPort + ",bind=" + localAddress + ",fork,reuseaddr",
                    "UNIX-CONNECT:" + unixSocket), work.resolve("forward-" + address + "-out.log")));
            Thread.sleep(300);
            return "http://" + localAddress + ":" + localPort;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code GET url} answers 200; fails with the describer's text (logs) when it never does. */
    static void awaitOk(String url, Duration patience, java.util.function.Supplier<String> describer) {
        Instant deadline = Instant.now().plus(patience);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            }
            catch (IOException notYet) {
                last = notYet.toString();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(1_000);
        }
        fail("%s did not answer 200 within %s (last: %s)\n%s", url, patience, last, describer.get());
    }

    /** The last lines of each listed container's log, into target/deploy/&lt;variant&gt;/; returns a summary. */
    String saveLogs(String variant, List<String> containers) {
        StringBuilder summary = new StringBuilder();
        Path dir = work.resolve(variant);
        try {
            Files.createDirectories(dir);
            for (String container : containers) {
                Result logs = podman(Duration.ofSeconds(30), "logs", "--tail", "300", container);
                Path file = dir.resolve(container.replace('/', '_') + ".log");
                Files.writeString(file, logs.stdout() + logs.stderr());
                Result state = podman(Duration.ofSeconds(30), "inspect", "--format",
                        "{{.State.Status}} exit={{.State.ExitCode}} health={{.State.Health.Status}}", container);
                summary.append(String.format("%-50s %s%n", container, state.stdout().strip()));
            }
        }
        catch (IOException e) {
            summary.append("cannot save logs: ").append(e);
        }
        return "containers (logs in " + dir + "):\n" + summary;
    }

    List<String> containerNames(String... filters) {
        List<String> args = new ArrayList<>(List.of("ps", "-a", "--format", "{{.Names}}"));
        for (String filter : filters) {
            args.addAll(List.of("--filter", filter));
        }
        Result result = podman(Duration.ofSeconds(30), args.toArray(String[]::new));
        return result.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).sorted().toList();
    }

    /** The container's address on its (first) network. */
    String address(String container) {
        String address = podman(Duration.ofSeconds(30), "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container).ok().stdout().strip();
        if (address.isEmpty()) {
            fail("container %s has no address", container);
        }
        return address.split("\\s+")[0];
    }

    void close() {
        forwarders.forEach(Process::destroyForcibly);
        forwarders.clear();
    }

    private static Process spawn(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile()).redirectErrorStream(true).start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per measured phase on the test's output (the numbers docker/README.md quotes). */
    static void timing(String variant, String phase, long fromNanos, long toNanos) {
        System.out.printf("verify-deploy timing: %s: %s: %d s%n", variant, phase,
                (toNanos - fromNanos) / 1_000_000_000);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
