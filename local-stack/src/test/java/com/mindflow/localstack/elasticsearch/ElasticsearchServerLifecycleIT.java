package com.mindflow.localstack.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.mindflow.localstack.Probe;
import com.mindflow.localstack.Processes;

/**
 * A private Elasticsearch (own folder under target/, own free ports, 384m heap) taken through a cold start, a stop
 * and a warm start, so that stopping it disturbs nobody. Prints the start times and resident memory.
 */
class ElasticsearchServerLifecycleIT {

    private static final Path BASE = Path.of("target", "elasticsearch-lifecycle-it").toAbsolutePath();
    private static final Path DATA = BASE.resolve("data").resolve("elasticsearch");
    private static final Path LOGS = BASE.resolve("logs");

    private static ElasticsearchServer server;
    private static Process unrelated;

    @AfterAll
    static void cleanUp() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
        ElasticsearchHome.deleteTree(BASE);
    }

    @Test
    void coldStartStopAndWarmStartWithAStalePidFileAndAChangedPlugin() throws Exception {
        ElasticsearchHome.deleteTree(BASE);
        ElasticsearchSettings defaults = ElasticsearchSettings.fromEnvironment();
        server = new ElasticsearchServer(new ElasticsearchSettings(freePort(), freePort(), "384m", defaults.user(),
                defaults.startTimeout()));
        int port = server.ports().getFirst();
        Path log = LOGS.resolve("elasticsearch.log");

        long t0 = System.nanoTime();
        server.start(DATA, LOGS);
        double cold = seconds(t0);

        assertThat(server.isRunning()).isTrue();
        assertThat(get(port, "/_cat/plugins?h=component")).contains("mindflow-analysis");
        assertThat(get(port, "/_nodes/stats/jvm?filter_path=**.heap_max_in_bytes"))
                .contains("\"heap_max_in_bytes\":" + 384L * 1024 * 1024);
        long launcher = server.pid().orElseThrow();
        List<ProcessHandle> node = ProcessHandle.of(launcher).orElseThrow().descendants().toList();
        assertThat(node).isNotEmpty();
        if (ServerUser.forThisProcess(defaults.user()).switchesUser()) {
            assertThat(uid(node.getFirst().pid())).as("Elasticsearch refuses root").isNotZero();
        }
        long launcherRss = rssKb(launcher);
        long nodeRss = node.stream().mapToLong(p -> rssKb(p.pid())).sum();
        assertThat(Files.readString(DATA.resolve("elasticsearch.pid")).trim()).isEqualTo(Long.toString(launcher));

        long t1 = System.nanoTime();
        server.stop();
        double stop = seconds(t1);

        assertThat(server.isRunning()).isFalse();
        assertThat(ProcessHandle.of(launcher).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(node).noneMatch(ProcessHandle::isAlive);
        assertThat(Probe.tcp(port)).isFalse();
        assertThat(DATA.resolve("elasticsearch.pid")).doesNotExist();

        // A pid file naming a live process that is not Elasticsearch (its pid was reused): leave that process alone.
        unrelated = new ProcessBuilder("sleep", "600").start();
        Processes.writePidFile(DATA.resolve("elasticsearch.pid"), unrelated.pid());
        // Another build of the plugin: installed again.
        Files.writeString(DATA.resolve("plugin.installed"), "an-older-build\n");

        long t2 = System.nanoTime();
        server.start(DATA, LOGS);
        double warm = seconds(t2);

        assertThat(server.isRunning()).isTrue();
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(Files.readString(log)).containsOnlyOnce("unpacked ");
        assertThat(count(Files.readString(log), "installing mindflow-analysis")).isEqualTo(2);
        assertThat(get(port, "/_cat/plugins?h=component")).contains("mindflow-analysis");
        server.stop();

        Files.readAllLines(log).stream().filter(line -> line.contains("[local-stack]")).forEach(System.out::println);
        System.out.printf("elasticsearch-lifecycle: cold start (unpack, plugin, start) %.1f s; RSS launcher %d MB, "
                + "node %d MB at 384m heap; stop %.1f s; warm start (with plugin reinstall) %.1f s; load %s%n",
                cold, launcherRss / 1024, nodeRss / 1024, stop, warm, Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static String get(int port, String path) {
        return Probe.httpGet(port, path).orElseThrow().body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long rssKb(long pid) {
        return statusField(pid, "VmRSS:\\s+(\\d+) kB");
    }

    private static long uid(long pid) {
        return statusField(pid, "Uid:\\s+(\\d+)");
    }

    private static long statusField(long pid, String regex) {
        try {
            Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
