package com.mindflow.localstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One real server that {@code ./mindflow up} and the tests run on loopback without Docker.
 * Implementations either host the server inside the supervisor JVM or spawn it as a child process.
 */
public interface LocalServer {

    /** Short name used for data folders, log files and progress lines, e.g. {@code postgresql}. */
    String name();

    /** The loopback ports this server listens on; the first one is the main port. */
    List<Integer> ports();

    /** True when something already answers on this server's main port with the right protocol. */
    boolean isRunning();

    /**
     * Starts the server and returns once it accepts requests.
     *
     * @param dataDir persistent folder for this server ({@code .mindflow/data/<name>}); it survives down/up
     * @param logDir  folder for log files ({@code .mindflow/logs})
     */
    void start(Path dataDir, Path logDir) throws Exception;

    /** Stops the server gracefully; data stays on disk. */
    void stop();

    /**
     * True when this instance started the server's own process and that process is gone (a {@code kill -9}, a
     * crash), so the supervisor may start it again alone. False for a server that only does not answer (a frozen
     * node recovers by itself) and for servers hosted in the supervisor's JVM.
     */
    default boolean exited() {
        return false;
    }

    /**
     * Takes over this server's process when it already answers, left running by a supervisor that was killed, so
     * that {@link #exited()} covers it too; true when this instance now watches it. {@code down} stops such a process
     * with the other leftovers of its home.
     */
    default boolean adopt(Path dataDir) {
        return false;
    }
}
