package com.mindflow.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Process plumbing: detached spawning, pid files, who listens on a port, graceful stops, log tails. */
public final class Processes {

    private Processes() {
    }

    /** The java launcher of this JVM: children run on the same JDK. */
    public static String javaCommand() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** JDK 24+ warns when Kafka and Netty use sun.misc.Unsafe; this JVM's children run on the same JDK. */
    public static List<String> quietUnsafeFlags() {
        return Runtime.version().feature() >= 24 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }

    /**
     * Starts a process in its own session (setsid) so it survives the caller and its terminal,
     * with stdin from /dev/null and stdout+stderr appended to {@code log}.
     */
    public static Process spawnDetached(List<String> command, Path log, Path workingDir) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        } else if (Files.isExecutable(Path.of("/bin/setsid"))) {
            full.add("/bin/setsid");
        }
        full.addAll(command);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        return builder.start();
    }

    public static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            // The first line: PostgreSQL's postmaster.pid goes on with its data folder, port and more.
            long pid = Long.parseLong(Files.readString(pidFile).strip().lines().findFirst().orElse("").trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static void writePidFile(Path pidFile, long pid) throws IOException {
        Files.writeString(pidFile, pid + "\n");
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns true if it exited within the grace period. */
    public static boolean stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception timeout) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller through the status command
            }
            return false;
        }
    }

    public static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
        }
    }

    public static String workingDirectory(long pid) {
        try {
            return Path.of("/proc", Long.toString(pid), "cwd").toRealPath().toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** The pid of the process listening on a TCP port on this machine, found through /proc (Linux). */
    public static Optional<Long> listenerPid(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).forEach(line -> {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && "0A".equals(f[3])) {
                        String local = f[1];
                        int localPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                        if (localPort == port) {
                            inodes.add(f[9]);
                        }
                    }
                });
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6): nothing listens there
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                    for (Path fd : (Iterable<Path>) fds::iterator) {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[")
                                    && inodes.contains(target.substring(8, target.length() - 1))) {
                                return Optional.of(Long.parseLong(name));
                            }
                        } catch (IOException ignored) {
                            // fd closed meanwhile
                        }
                    }
                } catch (IOException ignored) {
                    // process gone or not ours to read
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The last {@code lines} lines of a log file, for error messages. */
    public static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 64L * 1024);
            raf.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int from = Math.max(0, all.length - lines);
            StringBuilder out = new StringBuilder("---- last lines of " + file + " ----\n");
            for (int i = from; i < all.length; i++) {
                out.append(all[i]).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
