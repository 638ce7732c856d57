package com.mindflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keeper against real processes: a wanted service that dies comes back with back-off; an unwanted one stays down. */
class ServiceKeeperTest {

    private static final String MODULE = "command-service";

    @TempDir
    Path dir;

    private final List<String> logged = new ArrayList<>();

    @AfterEach
    void stopWhatRuns() {
        Processes.fromPidFile(home().pidFile(MODULE)).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aWantedServiceThatDiesIsStartedAgainAfterABackOffAndCounted() throws Exception {
        StackHome home = home();
        ServiceKeeper keeper = new ServiceKeeper(home, logged::add);
        // A stand-in process whose command line names the module, as a service's does.
        ServiceKeeper.want(home, MODULE, List.of("sh", "-c", "sleep 300; : " + MODULE));

        keeper.check(MODULE); // not running: a restart is scheduled one second out
        assertThat(Processes.fromPidFile(home.pidFile(MODULE))).isEmpty();
        ProcessHandle first = awaitRunning(keeper, Optional.empty());
        assertThat(ServiceKeeper.restarts(home, MODULE)).hasValueSatisfying(r -> assertThat(r).startsWith("1 "));

        first.destroyForcibly();
        first.onExit().get();
        long killedAt = System.nanoTime();
        ProcessHandle second = awaitRunning(keeper, Optional.of(first.pid()));
        assertThat((System.nanoTime() - killedAt) / 1_000_000).as("second back-off, doubled").isGreaterThanOrEqualTo(1900);
        assertThat(ServiceKeeper.restarts(home, MODULE)).hasValueSatisfying(r -> assertThat(r).startsWith("2 "));
        assertThat(logged).anyMatch(line -> line.contains("started again"));
        assertThat(second.isAlive()).isTrue();
    }

    @Test
    void aServiceStoppedOnPurposeStaysDown() throws Exception {
        StackHome home = home();
        ServiceKeeper keeper = new ServiceKeeper(home, logged::add);
        ServiceKeeper.want(home, MODULE, List.of("sh", "-c", "sleep 300; : " + MODULE));
        ProcessHandle running = awaitRunning(keeper, Optional.empty());

        ServiceKeeper.unwant(home, MODULE); // what down does first
        running.destroyForcibly();
        running.onExit().get();
        for (int i = 0; i < 4; i++) {
            keeper.check(MODULE);
            Thread.sleep(600);
        }
        assertThat(Processes.fromPidFile(home.pidFile(MODULE))).isEmpty();
        assertThat(ServiceKeeper.restarts(home, MODULE)).hasValueSatisfying(r -> assertThat(r).startsWith("1 "));
    }

    private ProcessHandle awaitRunning(ServiceKeeper keeper, Optional<Long> notPid) throws Exception {
        for (int i = 0; i < 100; i++) {
            keeper.check(MODULE);
            Optional<ProcessHandle> process = Processes.fromPidFile(home().pidFile(MODULE))
                    .filter(p -> notPid.map(pid -> pid != p.pid()).orElse(true));
            if (process.isPresent()) {
                return process.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not started again; keeper said " + logged);
    }

    private StackHome home() {
        try {
            return new StackHome(Files.createDirectories(dir.resolve("root")), dir.resolve("home"));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
