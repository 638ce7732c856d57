package com.mindflow.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Server processes left behind by a supervisor that was killed hard (postgres, redis-server and s3proxy run as
 * their own processes). Only processes whose command line or working directory lies in this home are touched.
 */
final class Orphans {

    private Orphans() {
    }

    static void reclaim(StackHome home, List<LocalServer> servers, Consumer<String> log) {
        long self = ProcessHandle.current().pid();
        for (LocalServer server : servers) {
            for (int port : server.ports()) {
                Optional<Long> pid = Processes.listenerPid(port);
                if (pid.isEmpty() || pid.get() == self) {
                    continue;
                }
                String commandLine = Processes.commandLine(pid.get());
                String cwd = Processes.workingDirectory(pid.get());
                if (home.owns(commandLine) || home.owns(cwd)) {
                    log.accept(server.name() + ": process " + pid.get() + " left over on port " + port
                            + " (" + abbreviate(commandLine) + "); stopping it");
                    ProcessHandle.of(pid.get()).ifPresent(p -> Processes.stop(p, Duration.ofSeconds(30)));
                }
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
