package com.mindflow.localstack.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.mindflow.localstack.Env;

/**
 * The two zips the local Elasticsearch is made of, both put in place by local-stack's build (no download at start-up).
 * <ul>
 * <li>The analysis plugin (a few KB) travels inside local-stack's classes, so it is there however the supervisor's
 * jar is copied.</li>
 * <li>The integ-test distribution (~100 MB) of exactly the version the plugin was built for: {@code target/lib/} beside
 * local-stack's classes or jar, else the local Maven repository the build resolved it into.</li>
 * </ul>
 * {@code MINDFLOW_ELASTICSEARCH_DISTRIBUTION} and {@code MINDFLOW_ELASTICSEARCH_PLUGIN} (paths to zips) override both.
 *
 * @param pluginZip     the plugin's bytes
 * @param pluginName    the name in its descriptor: the folder under {@code plugins/}
 * @param pluginSha256  identifies a build of the plugin (the zip is reproducible)
 * @param distribution  the distribution zip
 */
record ElasticsearchArtifacts(byte[] pluginZip, String pluginName, String pluginSha256, String version, Path distribution) {

    static final String PLUGIN_RESOURCE = "mindflow-analysis-plugin.zip";
    private static final String DESCRIPTOR = "stable-plugin-descriptor.properties";

    static ElasticsearchArtifacts locate() throws IOException {
        byte[] plugin = pluginBytes();
        Properties descriptor = descriptor(plugin);
        String name = descriptor.getProperty("name");
        String version = descriptor.getProperty("elasticsearch.version");
        if (name == null || version == null) {
            throw new IllegalStateException("the analysis plugin zip has no name or elasticsearch.version in " + DESCRIPTOR);
        }
        return new ElasticsearchArtifacts(plugin, name, sha256(plugin), version, distribution(version));
    }

    private static byte[] pluginBytes() throws IOException {
        String override = Env.get("MINDFLOW_ELASTICSEARCH_PLUGIN", "");
        if (!override.isBlank()) {
            return Files.readAllBytes(Path.of(override));
        }
        try (InputStream in = ElasticsearchArtifacts.class.getResourceAsStream(PLUGIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Elasticsearch analysis plugin is not among local-stack's classes ("
                        + ElasticsearchArtifacts.class.getPackageName().replace('.', '/') + "/" + PLUGIN_RESOURCE
                        + "); build it with ./mvnw -pl local-stack -am package");
            }
            return in.readAllBytes();
        }
    }

    private static Properties descriptor(byte[] plugin) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(plugin))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals(DESCRIPTOR)) {
                    Properties properties = new Properties();
                    properties.load(zip);
                    return properties;
                }
            }
        }
        throw new IllegalStateException("the analysis plugin zip has no " + DESCRIPTOR);
    }

    private static Path distribution(String version) {
        String override = Env.get("MINDFLOW_ELASTICSEARCH_DISTRIBUTION", "");
        if (!override.isBlank()) {
            return Path.of(override);
        }
        String file = "elasticsearch-" + version + ".zip";
        List<Path> candidates = new ArrayList<>();
        codeLocation().ifPresent(code -> candidates.add(code.getParent().resolve("lib").resolve(file)));
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "elasticsearch",
                "distribution", "integ-test-zip", "elasticsearch", version, file));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalStateException(
                "the Elasticsearch " + version + " distribution is not where local-stack's build puts it; looked at "
                        + candidates + ". Build with ./mvnw -pl local-stack -am package"));
    }

    /**
     * target/classes when run from the build (lib/ is then target/lib), or the supervisor's unpacked copy's
     * local-stack-classes.jar (JarCopies puts target/lib's files in lib/ beside it).
     */
    private static Optional<Path> codeLocation() {
        try {
            var source = ElasticsearchArtifacts.class.getProtectionDomain().getCodeSource();
            if (source == null || !"file".equals(source.getLocation().getProtocol())) {
                return Optional.empty();   // nested in a Spring Boot jar: use the local Maven repository
            }
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The distribution's top folder, e.g. {@code elasticsearch-9.2.0/}, which the unpacked home leaves out. */
    String distributionTopFolder() throws IOException {
        try (ZipFile zip = new ZipFile(distribution.toFile())) {
            ZipEntry first = zip.entries().nextElement();
            return first.getName().substring(0, first.getName().indexOf('/') + 1);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
