package com.mindflow.localstack.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Elasticsearch installation inside the server's data folder:
 * <pre>
 * dataDir/home/     the unpacked distribution (ES_HOME) with the analysis plugin installed
 * dataDir/data/     path.data
 * dataDir/tmp/      ES_TMPDIR (Elasticsearch would otherwise leave a folder in /tmp per start)
 * dataDir/plugin/   the plugin zip last installed
 * logDir/elasticsearch/   path.logs (Elasticsearch's own JSON and plain logs)
 * </pre>
 * Unpacking and installing happen once; they are redone only when the distribution or the plugin zip changes.
 */
final class ElasticsearchHome {

    private static final String DISTRIBUTION_MARKER = "distribution.installed";
    private static final String PLUGIN_MARKER = "plugin.installed";

    private final Path dataDir;
    private final Path home;
    private final Path logs;

    ElasticsearchHome(Path dataDir, Path logDir) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.home = this.dataDir.resolve("home");
        this.logs = logDir.toAbsolutePath().normalize().resolve("elasticsearch");
    }

    Path home() {
        return home;
    }

    Path dataPath() {
        return dataDir.resolve("data");
    }

    Path tmp() {
        return dataDir.resolve("tmp");
    }

    Path logs() {
        return logs;
    }

    Path pidFile() {
        return dataDir.resolve("elasticsearch.pid");
    }

    Path pluginDir(ElasticsearchArtifacts artifacts) {
        return home.resolve("plugins").resolve(artifacts.pluginName());
    }

    /** Unpacks the distribution unless this very zip is already unpacked; returns true when it did. */
    boolean unpack(ElasticsearchArtifacts artifacts) throws IOException {
        String identity = artifacts.distribution().getFileName() + " " + Files.size(artifacts.distribution());
        Path marker = dataDir.resolve(DISTRIBUTION_MARKER);
        if (Files.isExecutable(home.resolve("bin/elasticsearch")) && identity.equals(readMarker(marker))) {
            return false;
        }
        Files.createDirectories(dataDir);
        Files.deleteIfExists(marker);
        Files.deleteIfExists(dataDir.resolve(PLUGIN_MARKER));
        Path staging = dataDir.resolve("home.unpacking");
        deleteTree(staging);
        unzip(artifacts.distribution(), artifacts.distributionTopFolder(), staging);
        deleteTree(home);
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(marker, identity + "\n");
        return true;
    }

    /** True when the plugin in {@code plugins/} is not the build the artifacts carry. */
    boolean pluginOutdated(ElasticsearchArtifacts artifacts) {
        return !Files.isDirectory(pluginDir(artifacts))
                || !artifacts.pluginSha256().equals(readMarker(dataDir.resolve(PLUGIN_MARKER)));
    }

    /** Removes an installed plugin of the same name and leaves the zip to install at {@code plugin/}; returns its path. */
    Path preparePluginInstall(ElasticsearchArtifacts artifacts) throws IOException {
        Files.deleteIfExists(dataDir.resolve(PLUGIN_MARKER));
        deleteTree(pluginDir(artifacts));
        Path zip = Files.createDirectories(dataDir.resolve("plugin")).resolve(ElasticsearchArtifacts.PLUGIN_RESOURCE);
        Files.write(zip, artifacts.pluginZip());
        return zip;
    }

    void pluginInstalled(ElasticsearchArtifacts artifacts) throws IOException {
        Files.writeString(dataDir.resolve(PLUGIN_MARKER), artifacts.pluginSha256() + "\n");
    }

    /** elasticsearch.yml and the JVM options; rewritten on every start so that changed settings apply. */
    void configure(ElasticsearchSettings settings) throws IOException {
        Files.createDirectories(dataPath());
        Files.createDirectories(logs);
        deleteTree(tmp());
        Files.createDirectories(tmp());
        Files.writeString(home.resolve("config/elasticsearch.yml"), elasticsearchYml(settings), StandardCharsets.UTF_8);
        Files.writeString(home.resolve("config/jvm.options.d/mindflow.options"), jvmOptions(settings), StandardCharsets.UTF_8);
    }

    String elasticsearchYml(ElasticsearchSettings settings) {
        return String.join("\n",
                "# Written by local-stack (ElasticsearchServer) on every start: edit ElasticsearchHome, not this file.",
                "cluster.name: mindflow",
                "node.name: mindflow-local",
                "discovery.type: single-node",
                "network.host: 127.0.0.1",
                "http.port: " + settings.httpPort(),
                "transport.port: " + settings.transportPort(),
                "path.data: " + dataPath(),
                "path.logs: " + logs,
                // the production cluster has security; locally every service talks plain HTTP without credentials
                "xpack.security.enabled: false",
                // Absolute free-space watermarks: the percentages (85/90/95 %) would turn indices read-only on a
                // large, well-filled developer disk that still has plenty of room.
                "cluster.routing.allocation.disk.watermark.low: 2gb",
                "cluster.routing.allocation.disk.watermark.high: 1gb",
                "cluster.routing.allocation.disk.watermark.flood_stage: 512mb",
                "",
                // No ML setting: this distribution has no ML module, and an unknown setting stops the node.
                "");
    }

    String jvmOptions(ElasticsearchSettings settings) {
        return String.join("\n",
                "# Written by local-stack (ElasticsearchServer) on every start.",
                "-Xms" + settings.heap(),
                "-Xmx" + settings.heap(),
                // touch heap pages when used rather than all at start: about 250 MB less resident at 512m
                "-XX:-AlwaysPreTouch",
                // no gc.log (32 x 64 MB by default); JVM warnings still reach the server's log
                "-Xlog:disable",
                "-Xlog:all=warning:stderr",
                "");
    }

    /** Every folder the server writes to (or reads through) that must belong to the user it runs as. */
    List<Path> ownedByServer() {
        return List.of(dataDir, logs);
    }

    private static void unzip(Path zipFile, String topFolder, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(topFolder)) {
                    throw new IOException(zipFile + ": entry outside " + topFolder + ": " + entry.getName());
                }
                String relative = entry.getName().substring(topFolder.length());
                Path out = target.resolve(relative).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException(zipFile + ": entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                // java.util.zip drops the Unix modes; the launch scripts are the only files that need one
                boolean script = relative.startsWith("bin/") && !relative.endsWith(".bat") && !relative.endsWith(".exe");
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static String readMarker(Path marker) {
        try {
            return Files.isRegularFile(marker) ? Files.readString(marker).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path dir) throws IOException {
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
