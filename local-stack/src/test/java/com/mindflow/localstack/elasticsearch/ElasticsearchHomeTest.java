package com.mindflow.localstack.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installation on disk, with a small stand-in for the distribution zip. */
class ElasticsearchHomeTest {

    private static final ElasticsearchSettings SETTINGS =
            new ElasticsearchSettings(19200, 19300, "768m", "mindflow", Duration.ofSeconds(60));

    @TempDir
    Path dir;

    @Test
    void unpacksOnceWithoutTheTopFolderAndWithExecutableScripts() throws IOException {
        ElasticsearchArtifacts artifacts = artifacts(distribution("elasticsearch-9.2.0/", "elasticsearch-9.2.0/bin/elasticsearch",
                "elasticsearch-9.2.0/bin/elasticsearch.bat", "elasticsearch-9.2.0/config/jvm.options.d/",
                "elasticsearch-9.2.0/lib/elasticsearch-9.2.0.jar"), "build-1");
        ElasticsearchHome home = new ElasticsearchHome(dir.resolve("data"), dir.resolve("logs"));

        assertThat(home.unpack(artifacts)).isTrue();
        assertThat(home.unpack(artifacts)).as("already unpacked").isFalse();

        assertThat(Files.getPosixFilePermissions(home.home().resolve("bin/elasticsearch")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.getPosixFilePermissions(home.home().resolve("bin/elasticsearch.bat")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(home.home().resolve("lib/elasticsearch-9.2.0.jar")).isRegularFile();
        assertThat(home.home().resolve("config/jvm.options.d")).isDirectory();
    }

    @Test
    void anotherDistributionIsUnpackedAfreshAndItsPluginInstalledAgain() throws IOException {
        ElasticsearchHome home = new ElasticsearchHome(dir.resolve("data"), dir.resolve("logs"));
        ElasticsearchArtifacts first = artifacts(distribution("elasticsearch-9.2.0/", "elasticsearch-9.2.0/bin/elasticsearch",
                "elasticsearch-9.2.0/old-only.txt"), "build-1");
        home.unpack(first);
        Files.createDirectories(home.pluginDir(first));
        home.pluginInstalled(first);
        assertThat(home.pluginOutdated(first)).isFalse();

        ElasticsearchArtifacts second = artifacts(distribution("elasticsearch-9.2.1/", "elasticsearch-9.2.1/bin/elasticsearch",
                "elasticsearch-9.2.1/bin/elasticsearch-plugin"), "build-1");

        assertThat(home.unpack(second)).isTrue();
        assertThat(home.home().resolve("old-only.txt")).doesNotExist();
        assertThat(home.pluginOutdated(second)).isTrue();
    }

    @Test
    void aChangedPluginBuildIsInstalledAgain() throws IOException {
        Path zip = distribution("elasticsearch-9.2.0/", "elasticsearch-9.2.0/bin/elasticsearch");
        ElasticsearchArtifacts installed = artifacts(zip, "build-1");
        ElasticsearchHome home = new ElasticsearchHome(dir.resolve("data"), dir.resolve("logs"));
        home.unpack(installed);
        assertThat(home.pluginOutdated(installed)).as("never installed").isTrue();

        Path pluginZip = home.preparePluginInstall(installed);
        Files.createDirectories(home.pluginDir(installed));
        home.pluginInstalled(installed);

        assertThat(pluginZip).hasBinaryContent(installed.pluginZip());
        assertThat(home.pluginOutdated(installed)).isFalse();
        assertThat(home.pluginOutdated(artifacts(zip, "build-2"))).isTrue();
        home.preparePluginInstall(artifacts(zip, "build-2"));
        assertThat(home.pluginDir(installed)).as("the old build is removed before installing").doesNotExist();
    }

    @Test
    void refusesEntriesOutsideTheDistributionFolder() throws IOException {
        ElasticsearchArtifacts artifacts = artifacts(distribution("elasticsearch-9.2.0/", "elasticsearch-9.2.0/../../evil"), "b");

        assertThatThrownBy(() -> new ElasticsearchHome(dir.resolve("data"), dir.resolve("logs")).unpack(artifacts))
                .isInstanceOf(IOException.class).hasMessageContaining("escapes");
        assertThat(dir.resolve("evil")).doesNotExist();
    }

    @Test
    void configurationIsSingleNodeOnLoopbackWithoutSecurityAndWithTheConfiguredHeap() throws IOException {
        ElasticsearchArtifacts artifacts = artifacts(distribution("elasticsearch-9.2.0/",
                "elasticsearch-9.2.0/bin/elasticsearch", "elasticsearch-9.2.0/config/jvm.options.d/"), "b");
        ElasticsearchHome home = new ElasticsearchHome(dir.resolve("data"), dir.resolve("logs"));
        home.unpack(artifacts);

        home.configure(SETTINGS);

        String yml = Files.readString(home.home().resolve("config/elasticsearch.yml"));
        assertThat(yml).contains("discovery.type: single-node", "network.host: 127.0.0.1", "http.port: 19200",
                "transport.port: 19300", "xpack.security.enabled: false",
                "path.data: " + dir.resolve("data/data"), "path.logs: " + dir.resolve("logs/elasticsearch"),
                "cluster.routing.allocation.disk.watermark.flood_stage:");
        assertThat(yml).doesNotContain("xpack.ml");
        assertThat(Files.readString(home.home().resolve("config/jvm.options.d/mindflow.options")))
                .contains("-Xms768m", "-Xmx768m", "-XX:-AlwaysPreTouch");
        assertThat(home.tmp()).isEmptyDirectory();
    }

    @Test
    void settingsRejectAHeapOrUserThatWouldBreakTheCommandLine() {
        assertThatThrownBy(() -> new ElasticsearchSettings(9200, 9300, "512", "mindflow", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ElasticsearchSettings(9200, 9300, "512m", "root; rm", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ElasticsearchArtifacts artifacts(Path distribution, String pluginBuild) {
        byte[] plugin = pluginBuild.getBytes(StandardCharsets.UTF_8);
        return new ElasticsearchArtifacts(plugin, "mindflow-analysis", ElasticsearchArtifacts.sha256(plugin), "9.2.0",
                distribution);
    }

    private Path distribution(String... entries) throws IOException {
        Path zip = Files.createTempFile(dir, "distribution", ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                if (!entry.endsWith("/")) {
                    out.write(("content of " + entry).getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return zip;
    }
}
