package com.mindflow.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps the services {@code up} started running, as Kubernetes would: one that dies (a crash, an OutOfMemoryError
 * with {@code -XX:+ExitOnOutOfMemoryError}, a {@code kill -9}) is started again with the command {@code up} gave it,
 * after a back-off that doubles from one second to a minute and resets once it has stayed up for five minutes.
 *
 * <p>{@code up} records a service as wanted by writing {@code run/<module>.command} after spawning it; {@code down}
 * deletes that file before stopping the service, so a deliberate stop is never undone. Restarts are counted in
 * {@code run/<module>.restarts} ({@code <count> <last restart instant>}), which {@code status} shows.
 */
final class ServiceKeeper implements Runnable {

    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(1);
    static final Duration STABLE_AFTER = Duration.ofMinutes(5);

    private final StackHome home;
    private final Consumer<String> log;
    private final Map<String, Duration> backOff = new HashMap<>();
    private final Map<String, Instant> notBefore = new HashMap<>();
    private final Map<String, Instant> startedAt = new HashMap<>();

    ServiceKeeper(StackHome home, Consumer<String> log) {
        this.home = home;
        this.log = log;
    }

    static Path commandFile(StackHome home, String module) {
        return home.run().resolve(module + ".command");
    }

    static Path restartsFile(StackHome home, String module) {
        return home.run().resolve(module + ".restarts");
    }

    /** Called by {@code up} once a service it spawned is running: from now on it is kept running. */
    static void want(StackHome home, String module, List<String> command) throws IOException {
        Path temp = commandFile(home, module).resolveSibling(module + ".command.tmp");
        Files.write(temp, command, StandardCharsets.UTF_8);
        Files.move(temp, commandFile(home, module), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Called before a deliberate stop. */
    static void unwant(StackHome home, String module) throws IOException {
        Files.deleteIfExists(commandFile(home, module));
    }

    /** How often the service was restarted, and when last; empty when never. */
    static Optional<String> restarts(StackHome home, String module) {
        try {
            Path file = restartsFile(home, module);
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            for (ServiceCatalog.Service service : ServiceCatalog.ALL) {
                try {
                    check(service.name());
                }
                catch (Exception e) {
                    log.accept("keeper: " + service.name() + ": " + e);
                }
            }
            try {
                Thread.sleep(1000);
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    void check(String module) throws IOException {
        Path commandFile = commandFile(home, module);
        if (!Files.isRegularFile(commandFile)) {
            return;
        }
        Instant now = Instant.now();
        Optional<ProcessHandle> running = Processes.fromPidFile(home.pidFile(module))
                .filter(p -> Processes.commandLine(p.pid()).contains(module));
        if (running.isPresent()) {
            Instant since = startedAt.computeIfAbsent(module, m -> now);
            if (Duration.between(since, now).compareTo(STABLE_AFTER) > 0) {
                backOff.remove(module);
            }
            return;
        }
        startedAt.remove(module);
        Instant earliest = notBefore.get(module);
        if (earliest == null) {
            Duration wait = backOff.getOrDefault(module, FIRST_BACK_OFF);
            notBefore.put(module, now.plus(wait));
            backOff.put(module, min(wait.multipliedBy(2), MAX_BACK_OFF));
            log.accept("keeper: " + module + " is not running; starting it again in " + wait.toSeconds() + " s");
            return;
        }
        if (now.isBefore(earliest)) {
            return;
        }
        notBefore.remove(module);
        List<String> command = Files.readAllLines(commandFile, StandardCharsets.UTF_8);
        // up may have stopped it meanwhile (down deletes the command file first).
        if (!Files.isRegularFile(commandFile) || command.isEmpty()) {
            return;
        }
        Process process = Processes.spawnDetached(command, home.log(module), home.root());
        Processes.writePidFile(home.pidFile(module), process.pid());
        startedAt.put(module, now);
        int count = restarts(home, module).map(r -> Integer.parseInt(r.split(" ")[0])).orElse(0) + 1;
        Files.writeString(restartsFile(home, module), count + " " + now + "\n");
        log.accept("keeper: " + module + " started again (pid " + process.pid() + ", restart " + count + ")");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
