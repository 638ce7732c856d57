package com.mindflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository is and where the local stack keeps its state.
 * The repository root is the folder holding the {@code mindflow} script; state lives in {@code <root>/.mindflow}
 * unless {@code MINDFLOW_HOME} says otherwise (the restart IT uses that to run a second, isolated stack).
 */
public record StackHome(Path root, Path home) {

    public static StackHome locate() {
        Path root = findRoot();
        String override = System.getenv("MINDFLOW_HOME");
        Path home = override == null || override.isBlank() ? root.resolve(".mindflow") : Path.of(override);
        return new StackHome(root, home.toAbsolutePath().normalize());
    }

    private static Path findRoot() {
        String explicit = System.getProperty("mindflow.root");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        // Prefer the jar's own location (local-stack/target/local-stack.jar) so the command works from any folder.
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            Path found = walkUp(Path.of(classPath).toAbsolutePath());
            if (found != null) {
                return found;
            }
        }
        Path found = walkUp(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        if (found == null) {
            throw new IllegalStateException("cannot find the MindFlow repository (a folder with the 'mindflow' script) above "
                    + classPath + " or " + System.getProperty("user.dir"));
        }
        return found;
    }

    private static Path walkUp(Path start) {
        for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mindflow")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return null;
    }

    public Path data(String name) {
        return ensure(home.resolve("data").resolve(name));
    }

    public Path logs() {
        return ensure(home.resolve("logs"));
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    public Path run() {
        return ensure(home.resolve("run"));
    }

    public Path pidFile(String name) {
        return run().resolve(name + ".pid");
    }

    public Path cache() {
        return ensure(home.resolve("cache"));
    }

    /** True when a path (a process's command line or working directory) points into this stack's home. */
    public boolean owns(String pathText) {
        String prefix = home.toString() + "/";
        return pathText != null && (pathText.contains(prefix) || pathText.equals(home.toString()));
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
