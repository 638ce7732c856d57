package com.mindflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventCodec;
import com.mindflow.events.EventHeaders;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka is out of reach for the leading relay (its producer points at a closed port) while the service keeps
 * committing: events wait in PostgreSQL, in order. When Kafka is back (the leader is replaced by a relay that reaches
 * it), every event goes out once, in per-user order, and the published rows are cleaned up.
 */
class OutboxOutageIT {

    private static final Servers servers = LocalStack.servers();

    private final JsonMapper json = new JsonMapper();
    private final DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
            servers.jdbcUrl("mindflow_write"), servers.dbUser(), servers.dbPassword());
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(dataSource));
    private final String source = "outbox-outage-it-" + UUID.randomUUID();
    private final String topic = "outbox-outage-it." + UUID.randomUUID();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<Producer<String, byte[]>> producers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        relays.forEach(OutboxRelay::stop);
        producers.forEach(Producer::close);
    }

    @Test
    void eventsWaitInPostgresDuringAnOutageAndAllGoOutInOrderAfterIt() throws Exception {
        OutboxRelay cutOff = relay("127.0.0.1:1", Duration.ofHours(1)); // nothing listens on port 1
        awaitLeader(cutOff);
        OutboxRelay standby = relay(servers.kafkaBootstrapServers(), Duration.ofHours(1));

        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Map<UUID, List<String>> written = Map.of(alice, new ArrayList<>(), bob, new ArrayList<>());
        for (int round = 0; round < 10; round++) {
            for (UUID user : List.of(alice, bob)) {
                written.get(user).addAll(commit(user, 3));
            }
            Thread.sleep(100);
        }
        Thread.sleep(2_000); // several failed attempts and back-offs of the leader
        assertThat(cutOff.isLeader()).isTrue();
        assertThat(standby.isLeader()).isFalse();
        assertThat(pending()).as("nothing was lost or marked while Kafka was unreachable").isEqualTo(60);

        // Kafka is back: the cut-off leader goes, the standby takes over from where nothing was marked.
        cutOff.stop();
        Map<UUID, List<String>> received = consume(60);
        assertThat(received.get(alice)).containsExactlyElementsOf(written.get(alice));
        assertThat(received.get(bob)).containsExactlyElementsOf(written.get(bob));
        awaitNoPending();

        // Published rows are removed: a relay keeping none of them cleans up as it takes the lead.
        standby.stop();
        relay(servers.kafkaBootstrapServers(), Duration.ZERO);
        Instant deadline = Instant.now().plusSeconds(15);
        while (rows() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(rows()).isZero();
    }

    private List<String> commit(UUID user, int count) {
        List<String> ids = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            OutboxWriter writer = new OutboxWriter(JdbcClient.create(dataSource), json, new EventCodec(), source);
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                writer.append(new OutboxMessage(id, topic, user.toString(), "TestHappened", 1, "a", user,
                        Instant.now(), "{\"eventId\":\"" + id + "\"}", Map.of()));
                ids.add(id.toString());
            }
        });
        return ids;
    }

    private OutboxRelay relay(String bootstrap, Duration retainPublished) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Producer<String, byte[]> producer = new KafkaProducer<>(config);
        producers.add(producer);
        OutboxSettings settings = new OutboxSettings(source, true, 500, Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofMillis(500), retainPublished);
        OutboxRelay relay = new OutboxRelay(dataSource, producer, json, settings, source, new SimpleMeterRegistry(),
                RelayHooks.NONE);
        relay.start();
        relays.add(relay);
        return relay;
    }

    private static void awaitLeader(OutboxRelay relay) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!relay.isLeader() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(relay.isLeader()).isTrue();
    }

    private Map<UUID, List<String>> consume(int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-outage-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        Map<UUID, List<String>> byUser = new HashMap<>();
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (count < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    byUser.computeIfAbsent(UUID.fromString(record.key()), k -> new ArrayList<>())
                            .add(new String(record.headers().lastHeader(EventHeaders.EVENT_ID).value(),
                                    StandardCharsets.UTF_8));
                    count++;
                }
            }
            // Anything beyond the expected would be a duplicate; none is expected without a crash.
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> byUser
                    .computeIfAbsent(UUID.fromString(r.key()), k -> new ArrayList<>()).add("extra"));
        }
        assertThat(count).isEqualTo(expected);
        return byUser;
    }

    private void awaitNoPending() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (pending() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(pending()).isZero();
    }

    private long pending() {
        return JdbcClient.create(dataSource)
                .sql("SELECT count(*) FROM outbox_events WHERE source = ? AND published_at IS NULL")
                .param(source).query(Long.class).single();
    }

    private long rows() {
        return JdbcClient.create(dataSource).sql("SELECT count(*) FROM outbox_events WHERE source = ?")
                .param(source).query(Long.class).single();
    }
}
