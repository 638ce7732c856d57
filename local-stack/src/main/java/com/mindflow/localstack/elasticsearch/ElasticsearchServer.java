package com.mindflow.localstack.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;
import com.mindflow.localstack.Processes;

/**
 * Elasticsearch from the integ-test distribution on Maven Central, plus MindFlow's analysis plugin (asciifolding,
 * snowball), run as a child process of the supervisor.
 * <p>
 * The first start unpacks the distribution into {@code dataDir/home} and installs the plugin with
 * {@code bin/elasticsearch-plugin}; later starts only rewrite the configuration (see {@link ElasticsearchHome}).
 * The process runs in its own session so that a Ctrl-C in the terminal reaches the supervisor only, which stops it
 * in order; a launcher left behind by a supervisor that was killed is found through its pid file and stopped on the
 * next start.
 */
public final class ElasticsearchServer implements LocalServer, ConnectionDetails {

    private static final Pattern USABLE_HEALTH = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final Duration PLUGIN_INSTALL_TIMEOUT = Duration.ofMinutes(3);

    private final ElasticsearchSettings settings;
    private volatile Process launcher;
    private volatile Path pidFile;

    public ElasticsearchServer() {
        this(ElasticsearchSettings.fromEnvironment());
    }

    public ElasticsearchServer(ElasticsearchSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "elasticsearch";
    }

    @Override
    public List<Integer> ports() {
        return List.of(settings.httpPort(), settings.transportPort());
    }

    /** {@code GET /} does not exist in this distribution; the cluster health endpoint does, without credentials. */
    @Override
    public boolean isRunning() {
        return Probe.httpGet(settings.httpPort(), "/_cluster/health")
                .map(r -> r.statusCode() == 200 && r.body().contains("\"cluster_name\""))
                .orElse(false);
    }

    @Override
    public Map<String, String> connectionProperties() {
        return Map.of("elasticsearch.url", "http://localhost:" + settings.httpPort());
    }

    /** The launcher's pid while this instance runs Elasticsearch (the node itself is its child). */
    public Optional<Long> pid() {
        Process current = launcher;
        return current == null ? Optional.empty() : Optional.of(current.pid());
    }

    @Override
    public void start(Path dataDir, Path logDir) throws Exception {
        if (isRunning()) {
            return;
        }
        long t0 = System.nanoTime();
        ElasticsearchHome home = new ElasticsearchHome(dataDir, logDir);
        Path log = logDir.toAbsolutePath().resolve(name() + ".log");
        Files.createDirectories(logDir);
        stopLeftover(home, log);
        failIfPortsTaken();

        ElasticsearchArtifacts artifacts = ElasticsearchArtifacts.locate();
        Path javaHome = javaHome();
        ServerUser user = ServerUser.forThisProcess(settings.user());
        user.ensureExists();

        if (home.unpack(artifacts)) {
            note(log, "unpacked " + artifacts.distribution() + " into " + home.home() + " in " + since(t0));
        }
        home.configure(settings);
        user.own(home.ownedByServer());
        for (Path needed : List.of(home.home(), home.logs(), javaHome.resolve("bin/java"))) {
            user.checkCanReach(needed);
        }
        if (home.pluginOutdated(artifacts)) {
            long t1 = System.nanoTime();
            installPlugin(home, artifacts, user, javaHome, log);
            note(log, "installed " + artifacts.pluginName() + " in " + since(t1));
        }

        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(user.command(List.of(home.home().resolve("bin/elasticsearch").toString())));
        note(log, "starting Elasticsearch " + artifacts.version() + " as " + user.name() + " (heap " + settings.heap()
                + ", JDK " + javaHome + ")");
        ProcessBuilder builder = processBuilder(command, home, javaHome)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        pidFile = home.pidFile();
        launcher = builder.start();
        Processes.writePidFile(pidFile, launcher.pid());
        awaitUsableCluster(log);
        note(log, "cluster usable " + since(t0) + " after start() was called");
    }

    /** The launcher gone (a frozen node still has it, and comes back by itself). */
    @Override
    public boolean exited() {
        Process current = launcher;
        return current != null && !current.isAlive();
    }

    @Override
    public void stop() {
        Process current = launcher;
        if (current == null) {
            return;
        }
        ProcessHandle handle = current.toHandle();
        List<ProcessHandle> node = handle.descendants().toList();
        // SIGTERM to the launcher: it shuts the node down cleanly and exits when the node has
        Processes.stop(handle, STOP_GRACE);
        node.forEach(child -> Processes.stop(child, Duration.ofSeconds(10)));
        launcher = null;
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the process's command line on the next start
        }
    }

    private void awaitUsableCluster(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (true) {
            boolean usable = Probe.httpGet(settings.httpPort(), "/_cluster/health")
                    .map(r -> r.statusCode() == 200 && USABLE_HEALTH.matcher(r.body()).find())
                    .orElse(false);
            if (usable) {
                return;
            }
            Process current = launcher;
            if (current == null || !current.isAlive()) {
                String exit = current == null ? "was stopped" : "exited with code " + current.exitValue();
                launcher = null;
                throw new IllegalStateException("Elasticsearch " + exit + " before its cluster was usable\n"
                        + Processes.tail(log, 40));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("Elasticsearch was not yellow or green on port " + settings.httpPort()
                        + " within " + settings.startTimeout().toSeconds() + " s (MINDFLOW_ELASTICSEARCH_START_TIMEOUT)\n"
                        + Processes.tail(log, 40));
            }
            Thread.sleep(250);
        }
    }

    private void installPlugin(ElasticsearchHome home, ElasticsearchArtifacts artifacts, ServerUser user, Path javaHome,
                               Path log) throws IOException, InterruptedException {
        Path zip = home.preparePluginInstall(artifacts);
        user.own(List.of(zip.getParent()));
        note(log, "installing " + artifacts.pluginName() + " from " + zip);
        List<String> command = user.command(List.of(home.home().resolve("bin/elasticsearch-plugin").toString(),
                "install", "--batch", zip.toUri().toString()));
        Process install = processBuilder(command, home, javaHome)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        if (!install.waitFor(PLUGIN_INSTALL_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            install.destroyForcibly();
            throw new IllegalStateException("bin/elasticsearch-plugin install did not finish within "
                    + PLUGIN_INSTALL_TIMEOUT.toMinutes() + " min\n" + Processes.tail(log, 30));
        }
        if (install.exitValue() != 0) {
            throw new IllegalStateException("bin/elasticsearch-plugin install failed with code " + install.exitValue()
                    + "\n" + Processes.tail(log, 30));
        }
        home.pluginInstalled(artifacts);
    }

    /** The environment every Elasticsearch tool runs with: our JDK, our temp folder, nothing from the caller's shell. */
    private static ProcessBuilder processBuilder(List<String> command, ElasticsearchHome home, Path javaHome) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.home().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = builder.environment();
        List.of("ES_PATH_CONF", "ES_JAVA_OPTS", "JAVA_HOME").forEach(env::remove);
        // The command-line JVMs (plugin installer, the launcher that supervises the node) are short-lived or idle:
        // the client compiler alone starts them faster and keeps the launcher smaller.
        env.put("CLI_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        env.put("ES_JAVA_HOME", javaHome.toString());
        env.put("ES_TMPDIR", home.tmp().toString());
        env.put("HOME", home.tmp().toString());
        return builder;
    }

    /**
     * The JDK running the stack (Temurin 25 under ./mindflow), which is 21+ as Elasticsearch 9 requires; the
     * integ-test distribution brings no JDK of its own. {@code ES_JAVA_HOME}, if set, wins.
     */
    private static Path javaHome() {
        String explicit = System.getenv("ES_JAVA_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("Elasticsearch needs JDK 21+, the stack runs on " + Runtime.version()
                    + "; set ES_JAVA_HOME to a JDK 21+");
        }
        return Path.of(System.getProperty("java.home"));
    }

    /** A launcher from an earlier supervisor of this home (killed before it could stop it) holds the data lock. */
    private static void stopLeftover(ElasticsearchHome home, Path log) throws IOException {
        Optional<ProcessHandle> leftover = Processes.fromPidFile(home.pidFile())
                .filter(p -> Processes.commandLine(p.pid()).contains(home.home().toString()));
        if (leftover.isPresent()) {
            ProcessHandle handle = leftover.get();
            note(log, "stopping Elasticsearch launcher " + handle.pid() + " left over by an earlier run");
            List<ProcessHandle> node = handle.descendants().toList();
            Processes.stop(handle, STOP_GRACE);
            node.forEach(child -> Processes.stop(child, Duration.ofSeconds(10)));
        }
        Files.deleteIfExists(home.pidFile());
    }

    private void failIfPortsTaken() {
        for (int port : ports()) {
            if (Probe.tcp(port)) {
                String who = Processes.listenerPid(port)
                        .map(pid -> "process " + pid + " (" + abbreviate(Processes.commandLine(pid)) + ")")
                        .orElse("another process");
                throw new IllegalStateException("port " + port + " is taken by " + who
                        + ", which is not a usable Elasticsearch; stop it or set MINDFLOW_ELASTICSEARCH_PORT / _TRANSPORT_PORT");
            }
        }
    }

    private static String since(long t0) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    /** Progress lines go to the same log as Elasticsearch's own output, where a failed start is investigated. */
    private static void note(Path log, String message) throws IOException {
        Files.writeString(log, "[" + LocalDateTime.now().withNano(0) + "] [local-stack] " + message + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
