package com.mindflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.stream.Stream;

/**
 * Long-running processes run from private copies of their jars: Maven rewrites target/*.jar on every build, and a
 * JVM whose jar changes underneath it fails later on its next class load (seen: the supervisor's shutdown).
 */
final class JarCopies {

    private JarCopies() {
    }

    /**
     * An unpacked copy of local-stack.jar for the supervisor, keyed by the build; only called when no supervisor runs.
     * Unpacked (plain jars plus a manifest-only launcher jar) rather than nested, so the JVM can keep a class-data
     * archive of the supervisor's classes (Kafka alone loads thousands) and later starts skip most class loading.
     */
    static Path supervisorJar(StackHome home, Path fatJar) throws IOException {
        String key = Files.getLastModifiedTime(fatJar).toMillis() + "-" + Files.size(fatJar);
        Path base = home.cache().resolve("local-stack");
        Path dir = base.resolve(key);
        Path launcher = dir.resolve("local-stack.jar");
        if (!Files.isRegularFile(launcher)) {
            Path staging = Files.createDirectories(base.resolve(key + ".tmp-" + ProcessHandle.current().pid()));
            unpack(fatJar, staging);
            // target/lib holds what servers run outside this JVM (s3proxy.jar, the Elasticsearch distribution):
            // beside the libraries, not on the class path.
            Path extras = fatJar.getParent().resolve("lib");
            if (!Files.isDirectory(extras)) {   // run from a copy (./mindflow, test-support): the build's own lib/
                extras = home.root().resolve("local-stack").resolve("target").resolve("lib");
            }
            if (Files.isDirectory(extras)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(extras, Files::isRegularFile)) {
                    for (Path file : files) {
                        Files.copy(file, staging.resolve("lib").resolve(file.getFileName()),
                                StandardCopyOption.REPLACE_EXISTING);
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
        return launcher;
    }

    /** BOOT-INF/lib/*.jar to lib/, BOOT-INF/classes to local-stack-classes.jar, and a launcher jar naming them. */
    private static void unpack(Path fatJar, Path target) throws IOException {
        Path lib = Files.createDirectories(target.resolve("lib"));
        List<String> classPath = new ArrayList<>();
        classPath.add("local-stack-classes.jar");
        try (ZipFile zip = new ZipFile(fatJar.toFile());
             JarOutputStream classes = new JarOutputStream(Files.newOutputStream(target.resolve("local-stack-classes.jar")))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    String file = name.substring("BOOT-INF/lib/".length());
                    if (file.startsWith("spring-boot-jarmode")) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, lib.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                    classPath.add("lib/" + file);
                } else if (name.startsWith("BOOT-INF/classes/") && name.length() > "BOOT-INF/classes/".length()) {
                    classes.putNextEntry(new ZipEntry(name.substring("BOOT-INF/classes/".length())));
                    if (!entry.isDirectory()) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            in.transferTo(classes);
                        }
                    }
                    classes.closeEntry();
                }
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target.resolve("local-stack.jar")), manifest)) {
            out.flush();
        }
    }

    /** JVM flags that keep (and reuse) a class-data archive next to a jar: the first run records, later runs map it. */
    static List<String> classDataArchive(Path jar, String name) {
        return List.of("-XX:SharedArchiveFile=" + jar.resolveSibling(name + ".jsa"), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * The service's jar extracted ({@code -Djarmode=tools extract}: the application jar plus {@code lib/}), in a
     * folder keyed by the built jar's size and time, so a rebuild gets a new folder while a running service keeps
     * its own, and an unchanged jar reuses the folder and its AOT cache ({@link #aotCache}). The JVM's AOT cache only
     * works with the extracted form. Folders of earlier builds of that service are removed.
     */
    static Path extractedService(StackHome home, String module, Path jar) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(home.cache().resolve("services"));
        String key = Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
        Path app = dir.resolve(module + "-" + key);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, module + "-*")) {
            for (Path file : old) {
                if (!file.equals(app)) {
                    deleteTree(file);
                }
            }
        }
        if (!Files.isRegularFile(app.resolve(jar.getFileName()))) {
            Path temp = dir.resolve(module + "-" + key + ".tmp");
            deleteTree(temp);
            Process extract = new ProcessBuilder(Processes.javaCommand(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", temp.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (extract.waitFor() != 0) {
                throw new IOException("could not extract " + jar + " (exit " + extract.exitValue() + ")");
            }
            deleteTree(app);
            Files.move(temp, app, StandardCopyOption.ATOMIC_MOVE);
        }
        return app.resolve(jar.getFileName());
    }

    /** Where the AOT cache of an extracted service lives (written by a training run, see Stack). */
    static Path aotCache(Path extractedJar) {
        return extractedJar.resolveSibling("app.aot");
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
