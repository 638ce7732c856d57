package com.mindflow.localstack.s3;

import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.Env;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;
import com.mindflow.localstack.Processes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S3 from s3proxy (jclouds filesystem provider) in its own JVM. The bucket is a folder of the provider's base
 * directory, so creating that folder before start-up creates the bucket once and for good.
 */
public final class S3Server implements LocalServer, ConnectionDetails {

    public static final String ACCESS_KEY = "mindflow";
    public static final String SECRET_KEY = "mindflow-secret";
    public static final String BUCKET = "mindflow-attachments";
    public static final String REGION = "us-east-1";

    private final int port = Env.port("MINDFLOW_S3_PORT", 9000);
    private volatile Process process;

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    @Override
    public boolean isRunning() {
        // Anonymous requests are refused with an S3 error document, which is enough to know who answers.
        return Probe.httpGet(port, "/")
                .map(r -> r.body().contains("<Error>") || r.body().contains("ListAllMyBucketsResult"))
                .orElse(false);
    }

    @Override
    public void start(Path dataDir, Path logDir) throws Exception {
        Path blobs = Files.createDirectories(dataDir.resolve("blobs"));
        Files.createDirectories(blobs.resolve(BUCKET));
        Path conf = dataDir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "s3proxy.cors-allow-all=true",
                "jclouds.provider=filesystem",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY,
                "jclouds.filesystem.basedir=" + blobs,
                ""));
        Path log = logDir.resolve(name() + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Processes.javaCommand()));
        command.addAll(Processes.quietUnsafeFlags());
        Path jar = s3proxyJar();
        // A test double, not a production store: start-up time matters more than peak throughput here.
        command.addAll(List.of("-XX:SharedArchiveFile=" + jar.resolveSibling("s3proxy.jsa"), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-Xms32m", "-Xmx128m", "-Xss512k", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=96m",
                "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError",
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-jar", jar.toString(), "--properties", conf.toString()));
        process = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!isRunning()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with code " + process.exitValue() + " (see " + log + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not answer on port " + port + " within 90 s (see " + log + ")");
            }
            Thread.sleep(150);
        }
    }

    /** target/lib/s3proxy.jar next to local-stack.jar (copied at build time), else the local Maven repository. */
    static Path s3proxyJar() throws IOException {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar")) {
            Path besideJar = Path.of(classPath).toAbsolutePath().getParent().resolve("lib").resolve("s3proxy.jar");
            if (Files.isRegularFile(besideJar)) {
                return besideJar;
            }
        }
        Path repository = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy");
        if (Files.isDirectory(repository)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(repository)) {
                for (Path version : versions) {
                    Path jar = version.resolve("s3proxy-" + version.getFileName() + "-jar-with-dependencies.jar");
                    if (Files.isRegularFile(jar)) {
                        return jar;
                    }
                }
            }
        }
        throw new IllegalStateException("s3proxy jar not found: expected local-stack/target/lib/s3proxy.jar "
                + "(built by ./mvnw -pl local-stack package)");
    }

    @Override
    public boolean exited() {
        Process current = process;
        return current != null && !current.isAlive();
    }

    @Override
    public void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(15));
            process = null;
        }
    }

    @Override
    public Map<String, String> connectionProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("s3.endpoint", "http://localhost:" + port);
        p.put("s3.access-key", ACCESS_KEY);
        p.put("s3.secret-key", SECRET_KEY);
        p.put("s3.bucket", BUCKET);
        p.put("s3.region", REGION);
        return p;
    }
}
