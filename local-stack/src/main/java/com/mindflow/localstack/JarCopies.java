package com.mindflow.localstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Long-running processes run from private copies of their jars: Maven rewrites target/*.jar on every build, and a
 * JVM whose jar changes underneath it fails later on its next class load (seen: the supervisor's shutdown).
 */
final class JarCopies {

    private JarCopies() {
    }

    /** A copy of local-stack.jar plus its lib/ (s3proxy), keyed by the build; only called when no supervisor runs. */
    static Path supervisorJar(StackHome home, Path jar) throws IOException {
        String key = Files.getLastModifiedTime(jar).toMillis() + "-" + Files.size(jar);
        Path base = home.cache().resolve("local-stack");
        Path dir = base.resolve(key);
        Path copy = dir.resolve("local-stack.jar");
        if (!Files.isRegularFile(copy)) {
            Path staging = Files.createDirectories(base.resolve(key + ".tmp-" + ProcessHandle.current().pid()));
            Files.copy(jar, staging.resolve("local-stack.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path lib = jar.getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                Path libCopy = Files.createDirectories(staging.resolve("lib"));
                try (DirectoryStream<Path> files = Files.newDirectoryStream(lib, "*.jar")) {
                    for (Path file : files) {
                        Files.copy(file, libCopy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            deleteTree(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        // Older builds' copies: no supervisor runs from them any more.
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(base)) {
            for (Path other : builds) {
                if (!other.equals(dir)) {
                    deleteTree(other);
                }
            }
        }
        return copy;
    }

    /** A fresh copy of a service jar, named per launch; copies of earlier launches of that service are removed. */
    static Path serviceJar(StackHome home, String module, Path jar) throws IOException {
        Path dir = Files.createDirectories(home.cache().resolve("services"));
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, module + "-*.jar")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
        Path copy = dir.resolve(module + "-" + System.currentTimeMillis() + ".jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
