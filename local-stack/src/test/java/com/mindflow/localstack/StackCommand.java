package com.mindflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Runs the packaged local-stack.jar exactly as ./mindflow and test-support do. */
final class StackCommand {

    record Result(int exit, String output, double seconds) {
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path home;

    /** The developer's shared stack under .mindflow, on the conventional ports. */
    StackCommand() {
        this.home = root().resolve(".mindflow");
    }

    /** An isolated stack: its own home and ports, so stopping it disturbs nobody. */
    StackCommand(Path home, Map<String, String> env) {
        this.home = home;
        this.env.putAll(env);
        this.env.put("MINDFLOW_HOME", home.toString());
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        long t0 = System.nanoTime();
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("local-stack " + String.join(" ", args) + " hung");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("---- local-stack %s (exit %d, %.1f s)%n%s%n", String.join(" ", args), process.exitValue(),
                seconds, output);
        return new Result(process.exitValue(), output, seconds);
    }

    Properties connection() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("run/servers.properties"))) {
            p.load(in);
        }
        return p;
    }

    Path home() {
        return home;
    }

    static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("mindflow"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    static Path jar() {
        return root().resolve("local-stack/target/local-stack.jar");
    }

    static boolean migrationsBuilt() {
        return Files.isRegularFile(root().resolve("db-migrations/target/db-migrations.jar"));
    }
}
