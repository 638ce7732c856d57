package com.mindflow.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;
import com.mindflow.system.client.ReadStores;
import com.mindflow.system.resilience.Load.Writer;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

/**
 * Elasticsearch away for 1 s, 30 s and 5 min on the running stack, under two writers and a reader who keeps
 * searching: writes go on, search answers 503 problem+json with Retry-After (never another error), and the index
 * catches up by itself afterwards with nothing on a dead-letter topic.
 *
 * <p>The node is frozen ({@code SIGSTOP}, then {@code SIGCONT}): the kernel still accepts connections that are never
 * answered, so every client runs into its timeouts, the harder case of an outage. Refused connections are covered
 * by query-service's SearchOutageIT and projection-service's StoreOutageIT. {@code -Dmindflow.faults.es-outages=1,30}
 * (seconds) shortens the run locally.
 */
@Tag("fault-suite")
class ElasticsearchOutageIT {

    /** What one outage did: writes and searches meanwhile, and how long the index took to catch up. */
    record Outage(Duration length, int writesAcknowledged, int writesFailed, Map<Integer, Integer> searchAnswers,
            Duration caughtUpAfter) {
    }

    /** One search the reader made. */
    record Search(Instant started, int status, boolean retryAfter, String contentType, String body) {
    }

    @Test
    void writesGoOnSearchAnswers503AndTheIndexCatchesUpWithNothingDeadLettered() throws Exception {
        Servers servers = LocalStack.servers();
        List<Writer> writers = Load.writers(LocalStack.services(), 2);
        Map<String, Long> deadLettersBefore = DeadLetterTopics.records(servers.kafkaBootstrapServers());
        Load load = Load.start(writers);
        Reader reader = Reader.start(writers.getFirst().client());
        List<Outage> outages = new ArrayList<>();
        try {
            Thread.sleep(3_000);
            for (Duration length : lengths()) {
                outages.add(outage(length, writers, load, reader));
                Thread.sleep(3_000);
            }
        }
        finally {
            reader.stop();
            load.stop();
        }
        System.out.printf("Elasticsearch outages: %s%n", outages);

        for (Outage outage : outages) {
            assertThat(outage.writesAcknowledged()).as("writes acknowledged during %s", outage).isPositive();
            assertThat(outage.writesFailed()).as("writes refused during %s", outage).isZero();
            assertThat(outage.searchAnswers().keySet()).as("search answers during %s", outage)
                    .isSubsetOf(200, 503);
            if (outage.length().compareTo(Duration.ofSeconds(20)) > 0) {
                assertThat(outage.searchAnswers()).as("search during %s", outage).containsKey(503);
            }
        }
        assertThat(reader.searches()).as("every search answer").isNotEmpty().allSatisfy(search -> {
            assertThat(search.status()).as("%s", search).isIn(200, 503);
            if (search.status() == 503) {
                assertThat(search.retryAfter()).as("Retry-After on %s", search).isTrue();
                assertThat(search.contentType()).as("%s", search).isEqualTo("application/problem+json");
                assertThat(search.body()).contains("store-unavailable");
            }
        });
        Convergence.assertConverged(writers);
        assertThat(DeadLetterTopics.records(servers.kafkaBootstrapServers())).as("dead-letter topics")
                .isEqualTo(deadLettersBefore);
    }

    private static List<Duration> lengths() {
        return Arrays.stream(System.getProperty("mindflow.faults.es-outages", "1,30,300").split(","))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.trim()))).toList();
    }

    private static Outage outage(Duration length, List<Writer> writers, Load load, Reader reader) throws Exception {
        Map<String, Long> before = acknowledged(writers);
        int failedBefore = load.failed().get();
        int searchesBefore = reader.searches().size();
        ProcessHandle node = elasticsearchNode();
        signal(node, "STOP");
        Instant restored;
        try {
            Thread.sleep(length.toMillis());
        }
        finally {
            signal(node, "CONT");
            restored = Instant.now();
        }
        Map<String, Long> during = new HashMap<>(acknowledged(writers));
        during.entrySet().removeIf(entry -> entry.getValue().equals(before.get(entry.getKey())));
        int failed = load.failed().get() - failedBefore;
        // Searches that started during the outage end once the node answers again (or at their timeout): wait for
        // the first one started after it returned.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (reader.searches().stream().noneMatch(search -> search.started().isAfter(restored))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Map<Integer, Integer> answers = new TreeMap<>();
        reader.searches().subList(searchesBefore, reader.searches().size()).stream()
                .filter(search -> search.started().isBefore(restored))
                .forEach(search -> answers.merge(search.status(), 1, Integer::sum));
        return new Outage(length, during.size(), failed, answers, caughtUp(writers, during, restored));
    }

    /** How long after the node came back the index held every entry written during the outage, at its version. */
    private static Duration caughtUp(List<Writer> writers, Map<String, Long> written, Instant restored)
            throws Exception {
        Instant deadline = restored.plus(Duration.ofMinutes(3));
        try (ReadStores stores = new ReadStores(LocalStack.servers())) {
            while (Instant.now().isBefore(deadline)) {
                Map<String, Long> indexed = new HashMap<>();
                for (Writer writer : writers) {
                    indexed.putAll(stores.searchVersions(writer.userId()));
                }
                if (written.entrySet().stream().allMatch(entry -> indexed.getOrDefault(entry.getKey(), 0L)
                        >= entry.getValue())) {
                    return Duration.between(restored, Instant.now());
                }
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the index did not catch up within 3 minutes of Elasticsearch's return");
    }

    private static Map<String, Long> acknowledged(List<Writer> writers) {
        Map<String, Long> all = new HashMap<>();
        writers.forEach(writer -> all.putAll(writer.acknowledged()));
        return all;
    }

    /** The Elasticsearch node: the Java child of the launcher the stack started. */
    private static ProcessHandle elasticsearchNode() {
        ProcessHandle launcher = LocalStack.serverProcess("elasticsearch").orElseThrow();
        return launcher.children()
                .filter(child -> child.info().commandLine().orElse("").contains("org.elasticsearch"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Elasticsearch node under " + launcher));
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", signal,
                process.pid()).isTrue();
    }

    /** Searches its journal every 200 ms with a new query each time (no cached answer), recording each answer. */
    record Reader(ExecutorService pool, Future<?> running, AtomicBoolean reading, List<Search> searches) {

        static Reader start(MindFlowClient client) {
            AtomicBoolean reading = new AtomicBoolean(true);
            List<Search> searches = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> running = pool.submit(() -> {
                int n = 0;
                while (reading.get()) {
                    Instant started = Instant.now();
                    try {
                        Response answer = client.get("/api/search?q=written+" + UUID.randomUUID().toString()
                                .substring(0, 8) + "&size=5");
                        searches.add(new Search(started, answer.status(), answer.header("Retry-After") != null,
                                answer.header("Content-Type"), answer.body()));
                    }
                    catch (IllegalStateException timedOut) {
                        searches.add(new Search(started, -1, false, null, timedOut.toString()));
                    }
                    n++;
                    Load.sleep(200);
                }
                return n;
            });
            return new Reader(pool, running, reading, searches);
        }

        void stop() throws Exception {
            reading.set(false);
            running.get();
            pool.shutdownNow();
        }
    }
}
