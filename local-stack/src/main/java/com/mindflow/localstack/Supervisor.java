package com.mindflow.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The long-running process behind {@code up}: hosts or spawns every server, reports progress to
 * {@code run/servers.state} (read by {@code up}), keeps the services {@code up} started running
 * ({@link ServiceKeeper}) and, on SIGTERM, stops the servers in reverse order.
 * A lock on {@code run/supervisor.lock} held for its whole life makes it the only supervisor of its home.
 */
final class Supervisor {

    static final String STATE_FILE = "servers.state";
    static final String LOCK_FILE = "supervisor.lock";
    static final String PID_NAME = "servers";

    private final StackHome home;
    private final List<LocalServer> servers;
    private final List<LocalServer> started = Collections.synchronizedList(new ArrayList<>());
    private final Path stateFile;
    /** Starts still running; a SIGTERM waits for them so that no half-started server outlives the supervisor. */
    private int startsInFlight;
    /** Set by SIGTERM: the server keeper starts nothing more. */
    private volatile boolean stopping;

    Supervisor(StackHome home, List<LocalServer> servers) {
        this.home = home;
        this.servers = servers;
        this.stateFile = home.run().resolve(STATE_FILE);
    }

    /** True when some process (a supervisor) holds the lock of this home. */
    static boolean isAlive(StackHome home) {
        Path lockFile = home.run().resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int run() throws Exception {
        Logging.configureSupervisor(home.logs());
        FileChannel lockChannel = FileChannel.open(home.run().resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            log("another supervisor already runs for " + home.home() + "; exiting");
            return 1;
        }
        long t0 = System.nanoTime();
        Path pidFile = home.pidFile(PID_NAME);
        Processes.writePidFile(pidFile, ProcessHandle.current().pid());
        log("supervisor " + ProcessHandle.current().pid() + " starting " + names() + " (home " + home.home() + ")");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping servers");
            stopping = true;
            awaitStartsInFlight(Duration.ofSeconds(120));
            stopAll();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // a stale pid file is checked against the lock anyway
            }
            log("supervisor stopped");
            stopped.countDown();
        }, "supervisor-shutdown"));

        // A server left running by a supervisor that was killed (PostgreSQL, Elasticsearch, s3proxy and Redis run as
        // processes of their own) is reused when it answers: after a kill -9 of the supervisor only what lived in
        // its JVM starts again. down stops such a server with the other leftovers of this home. One that holds its
        // port without answering is stopped and started anew.
        Orphans.reclaim(home, servers.stream().filter(server -> !server.isRunning()).toList(), this::log);

        // Start every server in parallel: the slowest (Elasticsearch) bounds the wait, not the sum.
        ExecutorService pool = Executors.newFixedThreadPool(servers.size(), r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        List<Future<String>> results = new ArrayList<>();
        for (LocalServer server : servers) {
            results.add(pool.submit(() -> startOne(server, t0)));
        }
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            try {
                String failure = results.get(i).get();
                if (failure != null) {
                    failures.add(failure);
                }
            } catch (Exception e) {
                failures.add(servers.get(i).name() + ": " + firstLine(e));
            }
        }
        pool.shutdown();
        if (!failures.isEmpty()) {
            state("aborted " + String.join("; ", failures).replace('\n', ' '));
            log("start-up failed: " + failures + "; stopping what started");
            System.exit(1);   // runs the shutdown hook, which stops the servers that did start
            return 1;
        }
        state("all-ready " + seconds(t0));
        log("all servers ready in " + seconds(t0) + " s");
        Thread keeper = new Thread(new ServiceKeeper(home, this::log), "service-keeper");
        keeper.setDaemon(true);
        keeper.start();
        Thread serverKeeper = new Thread(this::keepServers, "server-keeper");
        serverKeeper.setDaemon(true);
        serverKeeper.start();
        stopped.await();
        return 0;
    }

    /**
     * A server whose own process died is started again alone, on its data, while the others keep running: a
     * {@code kill -9} of the PostgreSQL postmaster costs a few seconds of crash recovery rather than a restart of every
     * server (Elasticsearch and the broker included). {@code up} waits for these restarts ({@code restarting}, then
     * {@code ready} or, after the last failed attempt, {@code abandoned} in the state file) instead of restarting the set.
     */
    private void keepServers() {
        // A restart can fail while the dead process's children still hold its resources (PostgreSQL's backends
        // its shared memory): such a server is tried again, a bounded number of times.
        Map<LocalServer, Integer> failedRestarts = new HashMap<>();
        while (!stopping) {
            try {
                Thread.sleep(KEEPER_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            for (LocalServer server : List.copyOf(started)) {
                if (stopping || !(server.exited() || failedRestarts.containsKey(server))) {
                    continue;
                }
                log(server.name() + " exited; starting it again alone");
                state("restarting " + server.name());
                try {
                    server.stop();   // releases what the dead process left: locks, pid files
                } catch (Throwable e) {
                    log(server.name() + ": clean-up after its exit failed: " + e);
                }
                if (startOne(server, System.nanoTime()) == null) {
                    failedRestarts.remove(server);
                } else if (failedRestarts.merge(server, 1, Integer::sum) >= KEEPER_ATTEMPTS) {
                    log("giving up on " + server.name() + " after " + KEEPER_ATTEMPTS + " failed starts; "
                            + "./mindflow up restarts every server");
                    state("abandoned " + server.name());
                    failedRestarts.remove(server);
                    started.remove(server);
                }
            }
        }
    }

    private synchronized void awaitStartsInFlight(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (startsInFlight > 0 && System.nanoTime() < deadline) {
            try {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void startFinished() {
        startsInFlight--;
        notifyAll();
    }

    /** Returns null on success, or a one-line failure. */
    private String startOne(LocalServer server, long t0) {
        synchronized (this) {
            startsInFlight++;
        }
        try {
            return startOneCounted(server, t0);
        } finally {
            startFinished();
        }
    }

    private String startOneCounted(LocalServer server, long t0) {
        String name = server.name();
        try {
            if (server.isRunning()) {
                state("ready " + name + " " + seconds(t0) + " reused");
                log(name + " already answers on " + server.ports() + "; reusing it");
                if (server.adopt(home.data(name)) && !started.contains(server)) {
                    started.add(server);   // watched by the server keeper like one started here
                }
                return null;
            }
            for (int port : server.ports()) {
                if (Probe.tcp(port)) {
                    // Something else holds the port: say who, rather than letting the server fail to bind.
                    String owner = Processes.listenerPid(port)
                            .map(pid -> "pid " + pid + " (" + abbreviate(Processes.commandLine(pid)) + ")")
                            .orElse("another program");
                    throw new IllegalStateException("port " + port + " is taken by " + owner);
                }
            }
            state("starting " + name);
            server.start(home.data(name), home.logs());
            if (!started.contains(server)) {
                started.add(server);
            }
            state("ready " + name + " " + seconds(t0) + " started");
            log(name + " ready on " + server.ports() + " after " + seconds(t0) + " s");
            return null;
        } catch (Throwable e) {
            String message = name + ": " + firstLine(e);
            state("failed " + name + " " + firstLine(e));
            log("FAILED to start " + message);
            e.printStackTrace(System.out);
            // a half-started server may hold ports or child processes
            try {
                server.stop();
            } catch (Throwable ignored) {
                // best effort
            }
            return message;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 97) + "..." : text;
    }

    /** The exception's first line: details (log tails) are in the logs, the state file gets one line per server. */
    private static String firstLine(Throwable e) {
        String text = e.toString();
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    private void stopAll() {
        List<LocalServer> reverse = new ArrayList<>(servers);
        Collections.reverse(reverse);
        for (LocalServer server : reverse) {
            if (!started.contains(server)) {
                continue;
            }
            long t = System.nanoTime();
            try {
                server.stop();
                log(server.name() + " stopped in " + seconds(t) + " s");
            } catch (Throwable e) {
                log(server.name() + " did not stop cleanly: " + e);
            }
        }
    }

    private String names() {
        return servers.stream().map(LocalServer::name).toList().toString();
    }

    private synchronized void state(String line) {
        try {
            Files.writeString(stateFile, line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log("cannot write " + stateFile + ": " + e);
        }
    }

    private void log(String message) {
        System.out.println("[" + LocalDateTime.now().withNano(0) + "] [supervisor] " + message);
        System.out.flush();
    }

    static String seconds(long t0) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
    }

    /** Lines the supervisor has written so far (read by up). */
    static List<String> readState(StackHome home) {
        Path file = home.run().resolve(STATE_FILE);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) raf.length()];
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) {
                return List.of();
            }
            return List.of(text.substring(0, lastNewline).split("\n"));
        } catch (IOException e) {
            return List.of();
        }
    }

    static final Duration KEEPER_INTERVAL = Duration.ofSeconds(1);
    private static final int KEEPER_ATTEMPTS = 10;

    static Duration gracePeriod() {
        return Duration.ofSeconds(90);
    }
}
