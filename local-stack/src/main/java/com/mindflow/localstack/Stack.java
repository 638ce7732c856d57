package com.mindflow.localstack;

import com.mindflow.localstack.postgres.PostgresServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The {@code up}, {@code down} and {@code status} commands. */
final class Stack {

    static final String CONNECTION_FILE = "servers.properties";
    private static final Duration SERVERS_TIMEOUT = Duration.ofSeconds(Long.parseLong(
            Env.get("MINDFLOW_SERVERS_TIMEOUT_SECONDS", "300")));
    private static final Duration SERVICES_TIMEOUT = Duration.ofSeconds(Long.parseLong(
            Env.get("MINDFLOW_SERVICES_TIMEOUT_SECONDS", "300")));
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);
    /** The JVM's AOT cache (JEP 483/514) needs JDK 25 for one-step training; MINDFLOW_AOT_CACHE=false turns it off. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25
            && Boolean.parseBoolean(Env.get("MINDFLOW_AOT_CACHE", "true"));

    private final StackHome home;
    private final List<LocalServer> servers;

    Stack(StackHome home, List<LocalServer> servers) {
        this.home = home;
        this.servers = servers;
    }

    // ------------------------------------------------------------------ up

    int up(boolean serversOnly, int replicas) throws Exception {
        long t0 = System.nanoTime();
        if (!ServerCatalog.hasElasticsearch()) {
            say("warning: " + ServerCatalog.ELASTICSEARCH_CLASS + " is not in this build; running without Elasticsearch");
        }
        // Serialise concurrent 'up's (several test JVMs, a developer's shell): one spawns, the others then find it up.
        try (FileChannel channel = FileChannel.open(home.run().resolve("up.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (!startServers(t0)) {
                return 1;
            }
            writeConnectionFile(serversOnly);
            if (!migrate()) {
                return 1;
            }
            if (!serversOnly) {
                stopInstances(ServiceCatalog.beyond(replicas));
                if (!startServices(t0, ServiceCatalog.selected(replicas))) {
                    return 1;
                }
            }
        }
        printUrls(serversOnly);
        say("ready in " + Supervisor.seconds(t0) + " s");
        return 0;
    }

    private boolean startServers(long t0) throws Exception {
        boolean allRunning = servers.stream().allMatch(LocalServer::isRunning);
        boolean supervisorAlive = Supervisor.isAlive(home);
        if (allRunning) {
            say("servers: all " + servers.size() + " already running" + (supervisorAlive ? "" : " (not under this home's supervisor)"));
            return true;
        }
        if (supervisorAlive) {
            List<String> state = Supervisor.readState(home);
            boolean settled = state.stream().anyMatch(l -> l.startsWith("all-ready") || l.startsWith("aborted"));
            if (settled) {
                // It finished starting, yet something is down now. A server whose process died the supervisor starts
                // again alone; anything else (or a restart that does not succeed) restarts the whole set.
                List<String> down = notAnswering();
                if (awaitRestartsBySupervisor(down)) {
                    return true;
                }
                say("servers: supervisor runs but " + notAnswering() + " not answering; restarting the servers");
                stopSupervisor();
                spawnSupervisor();
            } else {
                say("servers: a supervisor is already starting them; waiting");
            }
        } else {
            spawnSupervisor();
        }
        return awaitServers(t0);
    }

    /**
     * Waits while the supervisor starts the given servers again by itself ({@code restarting} lines after its
     * {@code all-ready}); true once they all answer. False at once when one of them is not being restarted.
     */
    private boolean awaitRestartsBySupervisor(List<String> down) throws InterruptedException {
        long t0 = System.nanoTime();
        // The supervisor looks once a second; a server killed just now may not be noticed yet.
        long noticeBy = t0 + Supervisor.KEEPER_INTERVAL.multipliedBy(5).toNanos();
        long deadline = t0 + SERVERS_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> state = Supervisor.readState(home);
            List<String> sinceReady = state.subList(Math.max(0, lastIndexStartingWith(state, "all-ready")), state.size());
            // Per server, the latest word since: restarting (in hand; a failed attempt is tried again), abandoned
            // (given up), or ready (an earlier restart's end: down again, it is not in hand until a new "restarting").
            Map<String, String> keeper = new LinkedHashMap<>();
            for (String line : sinceReady) {
                String[] f = line.split(" ");
                if (f.length >= 2 && List.of("restarting", "abandoned", "ready").contains(f[0])) {
                    keeper.put(f[1], f[0]);
                }
            }
            List<String> restarting = keeper.entrySet().stream().filter(e -> e.getValue().equals("restarting"))
                    .map(Map.Entry::getKey).toList();
            List<String> stillDown = notAnswering();
            if (stillDown.isEmpty()) {
                say("servers: " + down + " started again by the supervisor in " + Supervisor.seconds(t0) + " s");
                return true;
            }
            if (stillDown.stream().anyMatch(name -> "abandoned".equals(keeper.get(name)))
                    || (!restarting.containsAll(stillDown) && System.nanoTime() > noticeBy)) {
                return false;
            }
            if (!Supervisor.isAlive(home)) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> notAnswering() {
        return servers.stream().filter(s -> !s.isRunning()).map(LocalServer::name).toList();
    }

    /** The supervisor this command spawned, if any: its early death ends the wait at once. */
    private Process spawned;

    private void spawnSupervisor() throws IOException {
        Files.deleteIfExists(home.run().resolve(Supervisor.STATE_FILE));
        Path jar = JarCopies.supervisorJar(home, ownJar());
        List<String> command = new ArrayList<>();
        command.add(Processes.javaCommand());
        // Kafka, the Mongo protocol server and GreenMail live in this JVM; Kafka needs most of the heap.
        command.addAll(List.of("-Xms64m", "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=48m", "-XX:MaxDirectMemorySize=128m",
                "-XX:+ExitOnOutOfMemoryError", "-Dmindflow.role=supervisor"));
        command.addAll(Processes.quietUnsafeFlags());
        command.addAll(JarCopies.classDataArchive(jar, "supervisor"));
        command.add("-Dmindflow.root=" + home.root());
        command.addAll(List.of("-jar", jar.toString(), "supervise"));
        Path log = home.log("servers");
        Process process = Processes.spawnDetached(command, log, home.root());
        spawned = process;
        say("servers: supervisor started (pid " + process.pid() + ", log " + home.root().relativize(log) + ")");
    }

    private boolean awaitServers(long t0) throws InterruptedException {
        long deadline = System.nanoTime() + SERVERS_TIMEOUT.toNanos();
        Set<String> printed = new HashSet<>();
        long spawnGrace = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<String> state = Supervisor.readState(home);
            for (String line : state) {
                if (printed.add(line)) {
                    String[] f = line.split(" ", 4);
                    switch (f[0]) {
                        case "ready" -> say(String.format("  %-14s ready   %6s s%s", f[1], f[2],
                                f.length > 3 && f[3].equals("reused") ? "  (was already running)" : ""));
                        case "failed" -> say(String.format("  %-14s FAILED  %s", f[1], f.length > 2 ? line.substring(line.indexOf(f[1]) + f[1].length() + 1) : ""));
                        default -> { }
                    }
                }
            }
            if (state.stream().anyMatch(l -> l.startsWith("all-ready"))) {
                return true;
            }
            if (state.stream().anyMatch(l -> l.startsWith("aborted"))) {
                failServers("servers failed to start");
                return false;
            }
            boolean spawnedDied = spawned != null && !spawned.isAlive();
            if (spawnedDied || (!Supervisor.isAlive(home) && System.nanoTime() > spawnGrace)) {
                failServers("the supervisor exited before all servers were ready");
                return false;
            }
            if (System.nanoTime() > deadline) {
                failServers("servers not ready within " + SERVERS_TIMEOUT.toSeconds() + " s (still down: " + notAnswering() + ")");
                return false;
            }
            Thread.sleep(200);
        }
    }

    private void failServers(String message) {
        say("ERROR: " + message);
        for (String line : Supervisor.readState(home)) {
            if (line.startsWith("failed ")) {
                String name = line.split(" ")[1];
                Path log = home.log(name);
                if (Files.exists(log)) {
                    System.err.println(Processes.tail(log, 30));
                }
            }
        }
        System.err.println(Processes.tail(home.log("servers"), 25));
    }

    /** Applies the database migrations with the db-migrations jar, unless this jar already ran against these servers. */
    private boolean migrate() throws Exception {
        if (servers.stream().noneMatch(s -> s instanceof PostgresServer)) {
            return true;
        }
        // MINDFLOW_MIGRATIONS=false: the caller runs the migrator itself, configured as a deployment would be.
        if (!Boolean.parseBoolean(Env.get("MINDFLOW_MIGRATIONS", "true"))) {
            say("migrations: left to the caller (MINDFLOW_MIGRATIONS=false)");
            return true;
        }
        Path jar = home.root().resolve("db-migrations/target/db-migrations.jar");
        if (!Files.isRegularFile(jar)) {
            say("warning: " + home.root().relativize(jar) + " not built yet; database migrations skipped");
            return true;
        }
        PostgresServer postgres = (PostgresServer) servers.stream().filter(s -> s instanceof PostgresServer).findFirst().orElseThrow();
        // Same jar against the same database cluster as last time: the migrations are already in it. PG_VERSION is
        // written once by initdb, so a wiped and re-created data folder changes the stamp.
        Path clusterMarker = home.home().resolve("data").resolve(postgres.name()).resolve("PG_VERSION");
        String cluster = Files.isRegularFile(clusterMarker)
                ? Long.toString(Files.getLastModifiedTime(clusterMarker).toMillis())
                : "pid" + Processes.fromPidFile(home.pidFile(Supervisor.PID_NAME)).map(ProcessHandle::pid).orElse(0L);
        String stamp = Files.getLastModifiedTime(jar).toMillis() + ":" + Files.size(jar) + ":" + cluster;
        Path stampFile = home.run().resolve("migrations.stamp");
        if (Files.exists(stampFile) && Files.readString(stampFile).trim().equals(stamp)) {
            say("migrations: up to date");
            return true;
        }
        long t = System.nanoTime();
        Path log = home.log("db-migrations");
        ProcessBuilder builder = new ProcessBuilder(Processes.javaCommand(), "-Xmx192m", "-XX:+UseSerialGC",
                "-jar", jar.toString())
                .directory(home.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("MINDFLOW_DB_HOST", "localhost");
        env.put("MINDFLOW_DB_PORT", Integer.toString(postgres.ports().get(0)));
        env.put("MINDFLOW_DB_USER", PostgresServer.USER);
        env.put("MINDFLOW_DB_PASSWORD", PostgresServer.PASSWORD);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            say("ERROR: migrations did not finish within 5 minutes");
            System.err.println(Processes.tail(log, 60));
            return false;
        }
        if (process.exitValue() != 0) {
            say("ERROR: migrations failed (exit " + process.exitValue() + ")");
            System.err.println(Processes.tail(log, 60));
            return false;
        }
        Files.writeString(stampFile, stamp + "\n");
        say("migrations: applied in " + Supervisor.seconds(t) + " s");
        return true;
    }

    /**
     * Starts the services one at a time, each given the whole machine: on two cores six JVMs starting at once
     * thrash (JIT, GC, class loading) and every one of them takes minutes; one by one each is ready in seconds and
     * the whole takes less time too. Auth comes first (the others fetch its JWKS), the gateway last.
     */
    /**
     * Every service and the gateway started together: a JVM's start uses about one and a half of two cores, so
     * starting them together fills the machine where one after the other left a third of it idle. None needs
     * another at its start (auth-service's keys are fetched when the first token arrives; the gateway only routes).
     */
    private boolean startServices(long t0, List<ServiceCatalog.Service> selected) throws Exception {
        Map<ServiceCatalog.Service, Launched> launched = new LinkedHashMap<>();
        for (ServiceCatalog.Service service : selected) {
            if (service.ready()) {
                say(String.format("  %-22s already healthy on %d", service.name(), service.port()));
                continue;
            }
            Launched started = launch(service);
            if (started == null) {
                return false;
            }
            launched.put(service, started);
        }
        long deadline = System.nanoTime() + SERVICES_TIMEOUT.toNanos();
        while (!launched.isEmpty()) {
            for (Iterator<Map.Entry<ServiceCatalog.Service, Launched>> it = launched.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<ServiceCatalog.Service, Launched> entry = it.next();
                ServiceCatalog.Service service = entry.getKey();
                Launched started = entry.getValue();
                if (service.ready()) {
                    ServiceKeeper.want(home, service.name(), started.command());
                    say(String.format("  %-22s ready   %6s s  (its own start: %s s)  %s", service.name(),
                            Supervisor.seconds(t0), Supervisor.seconds(started.nanos()), service.url()));
                    it.remove();
                } else if (!started.process().isAlive()) {
                    say("ERROR: " + service.name() + " exited with code " + started.process().exitValue());
                    System.err.println(Processes.tail(home.log(service.name()), 60));
                    return false;
                } else if (System.nanoTime() > deadline) {
                    say("ERROR: " + service.name() + " not ready within " + SERVICES_TIMEOUT.toSeconds() + " s");
                    System.err.println(Processes.tail(home.log(service.name()), 60));
                    return false;
                }
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** A service process this command spawned: how it was started (for the keeper), and when. */
    private record Launched(Process process, List<String> command, long nanos) {
    }

    /** Spawns one service (training its AOT cache first when that is on and missing); null when it cannot. */
    private Launched launch(ServiceCatalog.Service service) throws Exception {
        Optional<ProcessHandle> previous = Processes.fromPidFile(home.pidFile(service.name()));
        // Not to be revived by the supervisor's keeper while this start is in charge of it.
        ServiceKeeper.unwant(home, service.name());
        Files.deleteIfExists(ServiceKeeper.restartsFile(home, service.name()));
        if (previous.isPresent() && isServiceProcess(previous.get(), service)) {
            // Started earlier and still starting (or hung): restart it so the wait below means something.
            Processes.stop(previous.get(), Duration.ofSeconds(30));
        }
        Path jar = service.jar(home);
        if (!Files.isRegularFile(jar)) {
            say("ERROR: " + home.root().relativize(jar) + " is missing; build with ./mvnw -B -DskipTests package");
            return null;
        }
        List<String> command = new ArrayList<>();
        command.add(Processes.javaCommand());
        command.addAll(ServiceCatalog.jvmFlags());
        // A laptop stack answers this machine only; MINDFLOW_BIND_ADDRESS (e.g. 0.0.0.0) opens it to the
        // network. The gateway trusts no forwarded header here: each client counts by its own address.
        String bind = Env.get("MINDFLOW_BIND_ADDRESS", "127.0.0.1");
        command.add("-Dserver.address=" + bind);
        // The laptop stack's servers have well-known credentials; only this profile may use them.
        command.add("-Dspring.profiles.active=local");
        // Names the instance on its command line: the keeper tells command-service-2 from command-service by it.
        command.add("-Dmindflow.instance=" + service.name());
        if (service.instance() > 1) {
            command.add("-Dserver.port=" + service.port());
        }
        if (service == ServiceCatalog.GATEWAY) {
            command.add("-Dmanagement.server.address=" + bind);
        }
        Path app = JarCopies.extractedService(home, service.module(), jar);
        Path aot = JarCopies.aotCache(app);
        if (AOT_CACHE && !Files.isRegularFile(aot)) {
            train(service, command, app, aot);
        }
        if (AOT_CACHE && Files.isRegularFile(aot)) {
            command.add("-XX:AOTCache=" + aot);
        }
        command.addAll(List.of("-jar", app.toString()));
        command = service.launch(command);
        long started = System.nanoTime();
        Process process = Processes.spawnDetached(command, home.log(service.name()), home.root());
        Processes.writePidFile(home.pidFile(service.name()), process.pid());
        return new Launched(process, command, started);
    }

    /**
     * A training run for the JVM's AOT cache (JDK 25+): the service starts with the flags and environment it runs
     * with, exits once its context is refreshed (before any listener or server starts), and the JVM writes the
     * classes it loaded and linked, and the profiles it gathered, to {@code aot}. Once per build of the service;
     * every later start maps the cache instead of loading, verifying and linking thousands of classes again. A
     * failed training only costs the cache: the service starts without it.
     */
    private void train(ServiceCatalog.Service service, List<String> flags, Path app, Path aot) throws Exception {
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(flags);
        command.addAll(List.of("-XX:AOTCacheOutput=" + aot, "-Dspring.context.exit=onRefresh", "-jar", app.toString()));
        Process training = Processes.spawnDetached(command, home.log(service.module()), home.root());
        if (!training.waitFor(TRAINING_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            training.destroyForcibly();
        }
        if (!Files.isRegularFile(aot)) {
            say(String.format("  %-22s no AOT cache (training failed; see its log): starting without", service.module()));
            return;
        }
        say(String.format("  %-22s AOT cache trained in %s s (once per build)", service.module(),
                Supervisor.seconds(started)));
    }

    private void writeConnectionFile(boolean serversOnly) throws IOException {
        Properties properties = new Properties();
        for (LocalServer server : servers) {
            properties.put(server.name() + ".ports", String.join(",", server.ports().stream().map(String::valueOf).toList()));
            if (server instanceof ConnectionDetails details) {
                properties.putAll(details.connectionProperties());
            } else if (server.name().equals("elasticsearch")) {
                properties.put("elasticsearch.url", "http://localhost:" + server.ports().get(0));
            }
        }
        properties.put("gateway.url", ServiceCatalog.GATEWAY.url());
        Path file = home.run().resolve(CONNECTION_FILE);
        Path temp = home.run().resolve(CONNECTION_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            properties.store(out, "MindFlow local stack: how to reach each server (written by local-stack up)");
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void printUrls(boolean serversOnly) {
        say("");
        if (!serversOnly) {
            say("MindFlow API (gateway):  " + ServiceCatalog.GATEWAY.url());
            say("API docs (all routes):   " + ServiceCatalog.GATEWAY.url() + "/swagger-ui.html  (OpenAPI: "
                    + ServiceCatalog.GATEWAY.url() + "/v3/api-docs)");
            say("Each service's own docs:");
            for (ServiceCatalog.Service service : ServiceCatalog.selected()) {
                if (service != ServiceCatalog.GATEWAY) {
                    say(String.format("  %-22s %s/swagger-ui.html", service.module(), service.url()));
                }
            }
        }
        say("Servers:");
        for (LocalServer server : servers) {
            say(String.format("  %-14s %s", server.name(), address(server)));
        }
    }

    private static String address(LocalServer server) {
        Map<String, String> p = server instanceof ConnectionDetails d ? d.connectionProperties() : Map.of();
        return switch (server.name()) {
            case "postgresql" -> p.get("postgresql.jdbc-url-prefix") + "{" + p.get("postgresql.databases")
                    + "}  user " + p.get("postgresql.username") + "/" + p.get("postgresql.password");
            case "redis" -> "redis://localhost:" + p.get("redis.port");
            case "kafka" -> p.get("kafka.bootstrap-servers") + " (controller " + server.ports().get(1) + ")";
            case "mongodb" -> p.get("mongodb.uri") + "/" + p.get("mongodb.database");
            case "s3" -> p.get("s3.endpoint") + "  bucket " + p.get("s3.bucket") + ", keys "
                    + p.get("s3.access-key") + "/" + p.get("s3.secret-key") + " (path-style)";
            case "mail" -> "smtp://localhost:" + p.get("mail.smtp-port") + "  imap://localhost:" + p.get("mail.imap-port");
            case "elasticsearch" -> "http://localhost:" + server.ports().get(0);
            default -> "localhost:" + server.ports();
        };
    }

    // ------------------------------------------------------------------ down

    int down() throws Exception {
        long t0 = System.nanoTime();
        List<ServiceCatalog.Service> reverse = new ArrayList<>(ServiceCatalog.ALL);
        java.util.Collections.reverse(reverse);
        stopInstances(reverse);
        stopSupervisor();
        Orphans.reclaim(home, servers, this::say);
        List<String> stillUp = servers.stream().filter(LocalServer::isRunning).map(LocalServer::name).toList();
        if (!stillUp.isEmpty()) {
            say("note: still answering (not started by this home's supervisor): " + stillUp);
        }
        say("down in " + Supervisor.seconds(t0) + " s; data kept in " + home.home().resolve("data"));
        return 0;
    }

    /** Stops these instances (those this home started), so that the keeper does not start them again. */
    private void stopInstances(List<ServiceCatalog.Service> instances) throws IOException {
        Map<String, ProcessHandle> running = new LinkedHashMap<>();
        for (ServiceCatalog.Service service : instances) {
            // First, so the supervisor's keeper does not start again what is being stopped on purpose.
            ServiceKeeper.unwant(home, service.name());
        }
        for (ServiceCatalog.Service service : instances) {
            Optional<ProcessHandle> process = Processes.fromPidFile(home.pidFile(service.name()))
                    .filter(p -> isServiceProcess(p, service));
            // Only services this home started (pid file): a service someone runs by hand, e.g. from a test, is theirs.
            process.ifPresent(p -> {
                p.destroy();
                running.put(service.name(), p);
            });
        }
        for (Map.Entry<String, ProcessHandle> entry : running.entrySet()) {
            boolean graceful = Processes.stop(entry.getValue(), Duration.ofSeconds(45));
            say(String.format("  %-22s stopped%s", entry.getKey(), graceful ? "" : " (killed after 45 s)"));
        }
        for (ServiceCatalog.Service service : instances) {
            Files.deleteIfExists(home.pidFile(service.name()));
        }
    }

    private void stopSupervisor() {
        Optional<ProcessHandle> supervisor = Processes.fromPidFile(home.pidFile(Supervisor.PID_NAME))
                .filter(p -> Processes.commandLine(p.pid()).contains("supervise"));
        if (supervisor.isEmpty()) {
            return;
        }
        long t = System.nanoTime();
        boolean graceful = Processes.stop(supervisor.get(), Supervisor.gracePeriod());
        say("  servers stopped in " + Supervisor.seconds(t) + " s" + (graceful ? "" : " (supervisor killed after timeout)"));
    }

    // ------------------------------------------------------------------ status

    int status() {
        Optional<ProcessHandle> supervisor = Processes.fromPidFile(home.pidFile(Supervisor.PID_NAME));
        say(String.format("%-22s %-5s %-12s %-10s %s", "NAME", "STATE", "PORT", "PID", "RESTARTS"));
        for (LocalServer server : servers) {
            boolean up = server.isRunning();
            String ports = String.join(",", server.ports().stream().map(String::valueOf).toList());
            String pid = up ? Processes.listenerPid(server.ports().get(0)).map(String::valueOf).orElse("?") : "-";
            say(String.format("%-22s %-5s %-12s %-10s %s", server.name(), up ? "UP" : "DOWN", ports, pid, "-"));
        }
        for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
            boolean up = service.ready();
            if (service.instance() > 1 && !up && !Files.exists(home.pidFile(service.name()))) {
                continue;  // a second instance nobody asked for
            }
            String pid = Processes.listenerPid(service.port()).map(String::valueOf)
                    .or(() -> Processes.fromPidFile(home.pidFile(service.name())).map(p -> p.pid() + " (starting?)"))
                    .orElse("-");
            String restarts = ServiceKeeper.restarts(home, service.name()).map(r -> r.replace(" ", " (last ") + ")")
                    .orElse("0");
            say(String.format("%-22s %-5s %-12s %-10s %s", service.name(), up ? "UP" : "DOWN", service.port(), pid,
                    restarts));
        }
        say("supervisor: " + supervisor.map(p -> "pid " + p.pid()).orElse("not running"));
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Guards against a recycled pid: the process must run this service's jar (or our copy of it). */
    private static boolean isServiceProcess(ProcessHandle process, ServiceCatalog.Service service) {
        String commandLine = Processes.commandLine(process.pid());
        return commandLine.contains("/" + service.module() + "-") || commandLine.contains(service.module() + ".jar");
    }

    private static Path ownJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            throw new IllegalStateException("run local-stack as 'java -jar local-stack.jar ...' (class path: " + classPath + ")");
        }
        return Path.of(classPath).toAbsolutePath();
    }
}
