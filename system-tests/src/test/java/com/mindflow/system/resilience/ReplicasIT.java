package com.mindflow.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.events.Topics;
import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;
import com.mindflow.system.resilience.Load.Writer;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two of each stateless service on one machine ({@code ./mindflow up --replicas 2}: a second command-, query- and
 * projection-service against the same stores and in the same consumer groups), under a write and read load spread
 * over both: the projection groups share the partitions between the two projection instances, exactly one
 * command-service instance relays the outbox, each user's events reach Kafka in order although the user's writes
 * alternate between the instances, nothing is applied twice, and a projection instance killed with {@code -9}
 * hands its partitions to the other with nothing lost.
 */
class ReplicasIT {

    private static final JsonMapper JSON = new JsonMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final List<String> COMMAND = List.of("http://127.0.0.1:8082", "http://127.0.0.1:8182");
    private static final List<String> QUERY = List.of("http://127.0.0.1:8083", "http://127.0.0.1:8183");
    private static final Pattern LEADER = Pattern.compile("(?m)^mindflow_outbox_leader\\{[^}]*source=\"([^\"]+)\"[^}]*} (\\S+)");

    private static String gateway;
    private static String kafka;

    @BeforeAll
    static void twoOfEach() {
        gateway = LocalStack.services();
        kafka = LocalStack.servers().kafkaBootstrapServers();
        LocalStack.replicas(2);
    }

    @AfterAll
    static void oneOfEachAgain() {
        LocalStack.replicas(1);
    }

    @Test
    void twoInstancesShareTheWorkKeepEachUsersOrderAndLoseNothingWhenOneIsKilled() throws Exception {
        Map<String, Set<TopicPartition>> partitions = awaitGroups(2, Duration.ofSeconds(90), null);
        assertThat(partitions).as("projection consumer groups").isNotEmpty();
        assertThat(relayLeaders()).as("outbox relay leaders per source over both command-service instances")
                .isNotEmpty().allSatisfy((source, leaders) -> assertThat(leaders).as(source).isEqualTo(1));

        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MindFlowClient client = new MindFlowClient(gateway);
            client.registerAndLogin();
            writers.add(new Writer(client, UUID.fromString(client.userId()), new ConcurrentHashMap<>()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Future<?>> running = new ArrayList<>();
        for (Writer writer : writers) {
            running.add(pool.submit(() -> write(writer, loading)));
        }
        try {
            Thread.sleep(15_000);
            LocalStack.killForGood("projection-service-2");
            // The dead member's partitions go to the survivor once its session times out; writes go on meanwhile.
            // Settled means stable with every partition the two held: the assertion is that this happens in time.
            Map<String, Set<TopicPartition>> afterKill = awaitGroups(1, Duration.ofSeconds(150), partitions);
            assertThat(afterKill).as("every partition of every projection group, now on the one instance left")
                    .isEqualTo(partitions);
            Thread.sleep(5_000);
        }
        finally {
            loading.set(false);
            for (Future<?> writer : running) {
                writer.get(2, TimeUnit.MINUTES);
            }
            pool.shutdownNow();
        }
        System.out.printf("Replicas: acknowledged writes %s%n", writers.stream().map(w -> w.acknowledged().size()).toList());

        Convergence.assertConverged(writers);
        assertEachUsersEventsReachedKafkaInOrder(writers);
    }

    /**
     * Each writer creates an entry on one command-service instance, edits it on the other and again on the first,
     * and reads it back from alternating query-service instances: one user's writes alternate between the instances.
     */
    private static void write(Writer writer, AtomicBoolean loading) {
        LocalDate day = LocalDate.now(LISBON);
        int n = 0;
        while (loading.get()) {
            MindFlowClient first = writer.client().at(COMMAND.get(n % 2));
            MindFlowClient second = writer.client().at(COMMAND.get((n + 1) % 2));
            Response created = first.post("/api/journals", Map.of("date", day.toString(), "title", "Day " + n,
                    "content", "Written on instance " + (n % 2 + 1), "mood", "happy"));
            day = day.minusDays(1);
            if (created.status() != 201) {
                n++;
                continue;
            }
            String id = created.json().get("id").asString();
            writer.acknowledged().put(id, created.json().get("version").asLong());
            Response edited = second.put("/api/journals/" + id, Map.of("date", day.plusDays(1).toString(),
                    "title", "Day " + n + ", edited", "content", "Edited on the other instance", "mood", "sad"),
                    created.header("ETag"));
            if (edited.status() == 200) {
                writer.acknowledged().put(id, edited.json().get("version").asLong());
                Response again = first.put("/api/journals/" + id, Map.of("date", day.plusDays(1).toString(),
                        "title", "Day " + n + ", edited twice", "content", "Back on the first", "mood", "neutral"),
                        edited.header("ETag"));
                if (again.status() == 200) {
                    writer.acknowledged().put(id, again.json().get("version").asLong());
                }
            }
            writer.client().at(QUERY.get(n % 2)).get("/api/journals/" + id);
            n++;
        }
    }

    /** Group id → all partitions assigned, once every projection group has exactly {@code members} members. */
    private static Map<String, Set<TopicPartition>> awaitGroups(int members, Duration patience,
            Map<String, Set<TopicPartition>> expected) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        Map<String, ConsumerGroupDescription> last = Map.of();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            while (Instant.now().isBefore(deadline)) {
                List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                        .map(ConsumerGroupListing::groupId).filter(id -> id.startsWith("projection-")).toList();
                last = admin.describeConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
                // Groups of on-demand work (a rebuild's replay) have no members while idle.
                Map<String, ConsumerGroupDescription> active = new TreeMap<>();
                last.forEach((id, group) -> {
                    if (!group.members().isEmpty()) {
                        active.put(id, group);
                    }
                });
                // A group mid-rebalance still lists its members' old assignments: only a stable group counts.
                boolean settled = !active.isEmpty() && active.values().stream().allMatch(group ->
                        group.groupState() == GroupState.STABLE && group.members().size() == members
                                && group.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty()));
                Map<String, Set<TopicPartition>> assigned = new TreeMap<>();
                active.forEach((id, group) -> {
                    Set<TopicPartition> all = new HashSet<>();
                    for (MemberDescription member : group.members()) {
                        all.addAll(member.assignment().topicPartitions());
                    }
                    assigned.put(id, all);
                });
                if (settled && (expected == null || assigned.equals(expected))) {
                    return assigned;
                }
                Thread.sleep(1_000);
            }
        }
        throw new AssertionError("projection groups did not settle on " + members + " member(s) with partitions each: "
                + last);
    }

    /** Source → how many command-service instances say they lead its relay. */
    private static Map<String, Integer> relayLeaders() throws Exception {
        Map<String, Integer> leaders = new TreeMap<>();
        for (String instance : COMMAND) {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(instance + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = LEADER.matcher(metrics);
            while (m.find()) {
                leaders.merge(m.group(1), (int) Double.parseDouble(m.group(2)), Integer::sum);
            }
        }
        return leaders;
    }

    /** For every entry of the writers, the versions its events carry on Kafka only ever go up, in offset order. */
    private static void assertEachUsersEventsReachedKafkaInOrder(List<Writer> writers) {
        Set<String> users = new HashSet<>();
        writers.forEach(w -> users.add(w.userId().toString()));
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<String, List<Long>> versions = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> topicPartitions = consumer.partitionsFor(Topics.JOURNAL_ENTRIES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(topicPartitions);
            consumer.seekToBeginning(topicPartitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(topicPartitions);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (topicPartitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (!users.contains(record.key())) {
                        continue;
                    }
                    JsonNode payload = JSON.readTree(record.value()).path("payload");
                    if (payload.has("entryId") && payload.has("version")) {
                        versions.computeIfAbsent(payload.get("entryId").asString(), id -> new ArrayList<>())
                                .add(payload.get("version").asLong());
                    }
                }
            }
        }
        Set<String> written = new HashSet<>();
        writers.forEach(w -> written.addAll(w.acknowledged().keySet()));
        assertThat(versions.keySet()).as("entries whose events reached Kafka").containsAll(written);
        versions.forEach((entry, seen) -> {
            List<Long> sorted = new ArrayList<>(seen);
            sorted.sort(Long::compare);
            // A relay's takeover may publish a row twice (at least once, consumers are idempotent): equal is fine.
            assertThat(seen).as("versions of entry %s in offset order", entry).isEqualTo(sorted);
        });
    }
}
