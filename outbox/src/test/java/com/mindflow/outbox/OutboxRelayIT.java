package com.mindflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import com.mindflow.events.EventCodec;
import com.mindflow.events.EventHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The relay against the real write database and the real Kafka broker. */
class OutboxRelayIT {

    private static final Servers servers = LocalStack.servers();

    private final JsonMapper json = new JsonMapper();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<Producer<String, byte[]>> producers = new ArrayList<>();

    private DataSource dataSource;
    private TransactionTemplate transactions;
    private String source;
    private String topic;

    @BeforeEach
    void setUp() throws Exception {
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), servers.jdbcUrl("mindflow_write"),
                servers.dbUser(), servers.dbPassword());
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // Each test relays its own source to its own topic, so tests never see each other's events.
        source = "outbox-it-" + UUID.randomUUID();
        topic = "outbox-it." + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        relays.forEach(OutboxRelay::stop);
        producers.forEach(Producer::close);
    }

    @Test
    void publishesCommittedEventsInCommitOrderWithTheirHeaders() {
        UUID user = UUID.randomUUID();
        List<UUID> ids = appendInOneTransaction(user, 25);

        startRelay(RelayHooks.NONE);

        List<ConsumerRecord<String, byte[]>> records = consume(25);
        assertThat(records).extracting(r -> header(r, EventHeaders.EVENT_ID)).containsExactlyElementsOf(
                ids.stream().map(UUID::toString).toList());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(user.toString());
            assertThat(header(r, EventHeaders.EVENT_TYPE)).isEqualTo("TestHappened");
            assertThat(header(r, EventHeaders.EVENT_VERSION)).isEqualTo("1");
            assertThat(header(r, "mindflow-correlation-id")).isEqualTo("corr-1");
        });
        awaitAllPublished();
    }

    @Test
    void neverPublishesAnEventWhoseTransactionRolledBack() {
        UUID user = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            writer().append(message(user, 0));
            throw new IllegalStateException("the state change failed");
        })).isInstanceOf(IllegalStateException.class);
        List<UUID> committed = appendInOneTransaction(user, 1);

        startRelay(RelayHooks.NONE);

        assertThat(consume(1)).extracting(r -> header(r, EventHeaders.EVENT_ID))
                .containsExactly(committed.getFirst().toString());
        assertThat(pending()).isZero();
    }

    @Test
    void refusesToWriteOutsideATransaction() {
        assertThatThrownBy(() -> writer().append(message(UUID.randomUUID(), 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRelayThatDiesBetweenSendingAndMarkingCausesDuplicatesButNoGap() {
        UUID user = UUID.randomUUID();
        List<UUID> ids = appendInOneTransaction(user, 10);
        AtomicBoolean crashOnce = new AtomicBoolean(true);

        // The first attempt "dies" after Kafka acknowledged the batch but before the rows were marked.
        startRelay(batchSize -> {
            if (crashOnce.getAndSet(false)) {
                throw new IllegalStateException("relay killed between send and mark");
            }
        });

        List<ConsumerRecord<String, byte[]>> records = consume(20);
        List<String> seen = records.stream().map(r -> header(r, EventHeaders.EVENT_ID)).toList();
        List<String> expected = ids.stream().map(UUID::toString).toList();
        assertThat(seen).containsExactlyElementsOf(concat(expected, expected));
        awaitAllPublished();
    }

    @Test
    void withTwoRelaysRunningOnlyOneLeadsAndEachEventGoesOutOnce() {
        UUID user = UUID.randomUUID();
        OutboxRelay first = startRelay(RelayHooks.NONE);
        OutboxRelay second = startRelay(RelayHooks.NONE);
        List<UUID> ids = appendInOneTransaction(user, 5);
        ids = concat(ids, appendInOneTransaction(user, 5));

        List<ConsumerRecord<String, byte[]>> records = consume(10);

        assertThat(records).extracting(r -> header(r, EventHeaders.EVENT_ID))
                .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        assertThat(List.of(first.isLeader(), second.isLeader())).containsExactlyInAnyOrder(true, false);
        assertThat(consumeMore(Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aStoppedLeaderWhoseConnectionStaysOpenInAPoolHandsTheLeadershipOver() throws Exception {
        // A connection whose close() is suppressed behaves like a pooled one: the session, and its locks, live on.
        SingleConnectionDataSource pooled = new SingleConnectionDataSource(servers.jdbcUrl("mindflow_write"),
                servers.dbUser(), servers.dbPassword(), true);
        try {
            OutboxRelay first = startRelay(pooled, RelayHooks.NONE);
            awaitLeader(first);
            first.stop();

            OutboxRelay second = startRelay(RelayHooks.NONE);
            List<UUID> ids = appendInOneTransaction(UUID.randomUUID(), 3);

            assertThat(consume(3)).extracting(r -> header(r, EventHeaders.EVENT_ID))
                    .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
            assertThat(second.isLeader()).isTrue();
        }
        finally {
            pooled.destroy();
        }
    }

    private static void awaitLeader(OutboxRelay relay) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!relay.isLeader() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(relay.isLeader()).as("relay became the leader").isTrue();
    }

    private List<UUID> appendInOneTransaction(UUID user, int count) {
        List<UUID> ids = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                OutboxMessage message = message(user, i);
                writer().append(message);
                ids.add(message.eventId());
            }
        });
        return ids;
    }

    private OutboxMessage message(UUID user, int n) {
        UUID id = UUID.randomUUID();
        String envelope = "{\"eventId\":\"" + id + "\",\"n\":" + n + "}";
        return new OutboxMessage(id, topic, user.toString(), "TestHappened", 1, "aggregate-" + n, user, Instant.now(),
                envelope, Map.of("mindflow-correlation-id", "corr-1"));
    }

    private OutboxWriter writer() {
        return new OutboxWriter(JdbcClient.create(dataSource), json, new EventCodec(), source);
    }

    private OutboxRelay startRelay(RelayHooks hooks) {
        return startRelay(dataSource, hooks);
    }

    private OutboxRelay startRelay(DataSource relayDataSource, RelayHooks hooks) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Producer<String, byte[]> producer = new KafkaProducer<>(config);
        producers.add(producer);
        OutboxSettings settings = new OutboxSettings(source, true, 500, Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofHours(1));
        OutboxRelay relay = new OutboxRelay(relayDataSource, producer, json, settings, source, new SimpleMeterRegistry(),
                hooks);
        relay.start();
        relays.add(relay);
        return relay;
    }

    private KafkaConsumer<String, byte[]> consumer;

    private List<ConsumerRecord<String, byte[]>> consume(int expected) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        while (records.size() < expected && Instant.now().isBefore(deadline)) {
            consumer().poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).as("records on %s", topic).hasSize(expected);
        return records;
    }

    private List<ConsumerRecord<String, byte[]>> consumeMore(Duration wait) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            consumer().poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-it-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer = new KafkaConsumer<>(config);
            consumer.subscribe(List.of(topic));
        }
        return consumer;
    }

    @AfterEach
    void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    private void awaitAllPublished() {
        Instant deadline = Instant.now().plusSeconds(10);
        while (pending() > 0 && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        assertThat(pending()).as("unpublished rows of %s", source).isZero();
    }

    private long pending() {
        return JdbcClient.create(dataSource)
                .sql("SELECT count(*) FROM outbox_events WHERE source = ? AND published_at IS NULL")
                .param(source).query(Long.class).single();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
