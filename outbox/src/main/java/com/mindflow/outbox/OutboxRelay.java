package com.mindflow.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.mindflow.events.EventHeaders;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes outbox rows to Kafka in commit-sequence order, at least once.
 *
 * <p>Why this shape:
 * <ul>
 * <li>One leader per source at a time, elected with a PostgreSQL session advisory lock held on the relay's own
 * connection: two instances may run, but only one publishes, which keeps each user's events in order. If the leader
 * dies its connection closes, the lock is released and a standby takes over.</li>
 * <li>The leader sleeps on {@code LISTEN outbox_events} (the insert trigger NOTIFYs), so commit-to-Kafka latency is a
 * round trip, not a polling interval; a short fallback poll covers a missed notification.</li>
 * <li>A row is marked published only after Kafka acknowledged it ({@code acks=all}, idempotent producer). A crash
 * between the two means a duplicate on the next leader's first batch, never a gap; consumers are idempotent.</li>
 * <li>When Kafka is unreachable the same batch is retried with back-off; events wait in PostgreSQL.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String SELECT_BATCH = """
            SELECT id, topic, partition_key, event_type, event_version, payload::text, headers::text, created_at
              FROM outbox_events
             WHERE source = ? AND published_at IS NULL
             ORDER BY sequence
             LIMIT ?
            """;
    private static final String MARK_PUBLISHED = "UPDATE outbox_events SET published_at = now() WHERE id = ANY (?)";
    private static final String CLEANUP = """
            DELETE FROM outbox_events
             WHERE source = ? AND published_at IS NOT NULL AND published_at < now() - make_interval(secs => ?)
            """;
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final JsonMapper json;
    private final OutboxSettings settings;
    private final String source;
    private final Counter published;
    private final Timer commitToKafka;
    private final RelayHooks hooks;

    private volatile boolean running;
    private volatile boolean leader;
    private Thread worker;

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, JsonMapper json,
            OutboxSettings settings, String source, MeterRegistry meters, RelayHooks hooks) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.json = json;
        this.settings = settings;
        this.source = source;
        this.hooks = hooks;
        this.published = Counter.builder("mindflow.outbox.published").tag("source", source).register(meters);
        this.commitToKafka = Timer.builder("mindflow.outbox.commit.to.kafka")
                .description("Time from the outbox row's commit to Kafka's acknowledgement")
                .tag("source", source)
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        // Exactly one instance per source shows 1: two running, two replicas, one leader.
        Gauge.builder("mindflow.outbox.leader", this, relay -> relay.leader ? 1 : 0)
                .description("1 while this instance holds the relay's leadership for the source, else 0")
                .tag("source", source).register(meters);
        Gauge.builder("mindflow.outbox.backlog", this, OutboxRelay::backlog)
                .description("Rows of the source not yet published to Kafka (NaN while the database does not answer)")
                .tag("source", source).register(meters);
    }

    /** Unpublished rows, read at scrape time through the partial index of unpublished rows. */
    private double backlog() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM outbox_events WHERE source = ? AND published_at IS NULL")) {
            count.setQueryTimeout(2);
            count.setString(1, source);
            try (ResultSet rows = count.executeQuery()) {
                return rows.next() ? rows.getLong(1) : Double.NaN;
            }
        }
        catch (SQLException unavailable) {
            return Double.NaN;
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay-" + source).daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(10));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** True while this instance holds the leadership and publishes. */
    public boolean isLeader() {
        return leader;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            boolean led = false;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (tryLead(connection)) {
                    led = true;
                    try {
                        leader = true;
                        log.info("Outbox relay for {} is the leader", source);
                        listen(connection);
                        backoff = Duration.ofMillis(100);
                        lead(connection);
                    }
                    finally {
                        leader = false;
                        resign(connection);
                    }
                }
            }
            catch (Exception e) {
                if (!running) {
                    break;
                }
                log.warn("Outbox relay for {} lost its connection, retrying in {} ms: {}", source, backoff.toMillis(),
                        e.toString());
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                continue;
            }
            if (!led) {
                // Wait as a standby without holding a pooled connection.
                pause(settings.standbyPoll());
            }
        }
    }

    /**
     * The connection goes back to the pool: give up the session's advisory lock, LISTEN and its commit setting
     * first, or a pooled connection would keep the leadership (a stopped relay, e.g. a paused test context, would
     * block every other instance), buffer notifications nobody reads and commit others' writes without waiting for
     * the disk. If this fails the connection is broken, and PostgreSQL released all of it with the session.
     */
    private void resign(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))");
             var unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN *");
            unlisten.execute("RESET synchronous_commit");
            unlock.setString(1, lockName());
            unlock.execute();
        }
        catch (SQLException e) {
            log.debug("Outbox relay for {} could not resign cleanly: {}", source, e.toString());
        }
    }

    private String lockName() {
        return "mindflow-outbox-relay:" + source;
    }

    private void lead(Connection connection) throws SQLException {
        Instant nextCleanup = Instant.now();
        Duration sendBackoff = Duration.ofMillis(100);
        while (running) {
            List<Row> batch = nextBatch(connection);
            if (!batch.isEmpty()) {
                try {
                    publish(batch);
                    sendBackoff = Duration.ofMillis(100);
                }
                catch (KafkaUnavailable e) {
                    log.warn("Kafka did not take {} outbox events of {}, retrying in {} ms: {}", batch.size(), source,
                            sendBackoff.toMillis(), e.getCause().toString());
                    pause(sendBackoff);
                    sendBackoff = min(sendBackoff.multipliedBy(2), settings.maxBackoff());
                    continue;
                }
                hooks.afterSendBeforeMark(batch.size());
                markPublished(connection, batch);
                if (batch.size() == settings.batchSize()) {
                    continue; // more is waiting: don't sleep
                }
            }
            if (Instant.now().isAfter(nextCleanup)) {
                cleanup(connection);
                nextCleanup = Instant.now().plus(CLEANUP_EVERY);
            }
            awaitNotification(connection);
        }
    }

    private boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            lock.setString(1, lockName());
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * LISTEN, and no wait for the disk on the relay's own commits: marking a batch published is bookkeeping. Lost in
     * a crash, it only means the batch is sent again, which every consumer already takes (at-least-once, idempotent
     * by event id), while a durable commit per batch cost a WAL flush for every event or two under load. The events
     * themselves were committed durably with the journal writes that caused them.
     */
    private void listen(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("LISTEN outbox_events");
            statement.execute("SET synchronous_commit = off");
        }
    }

    private void awaitNotification(Connection connection) throws SQLException {
        connection.unwrap(PGConnection.class).getNotifications((int) settings.idlePoll().toMillis());
    }

    private List<Row> nextBatch(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT_BATCH)) {
            select.setString(1, source);
            select.setInt(2, settings.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), headers(rs.getString(7)),
                            rs.getTimestamp(8).toInstant()));
                }
            }
        }
        return rows;
    }

    private Map<String, String> headers(String headersJson) {
        if (headersJson == null) {
            return Map.of();
        }
        return json.readValue(headersJson, new TypeReference<Map<String, String>>() {
        });
    }

    private void publish(List<Row> batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size());
        for (Row row : batch) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(),
                    row.envelopeJson().getBytes(StandardCharsets.UTF_8));
            // The routing headers come from the row's columns; the stored headers add the rest (correlation id).
            record.headers().add(header(EventHeaders.EVENT_ID, row.id().toString()));
            record.headers().add(header(EventHeaders.EVENT_TYPE, row.eventType()));
            record.headers().add(header(EventHeaders.EVENT_VERSION, Integer.toString(row.eventVersion())));
            row.headers().forEach((name, value) -> {
                if (record.headers().lastHeader(name) == null) {
                    record.headers().add(header(name, value));
                }
            });
            CompletableFuture<Void> ack = new CompletableFuture<>();
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                }
                else {
                    ack.complete(null);
                }
            });
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                // Failed inside send() (no metadata: Kafka unreachable). Every further send of the batch would wait
                // out the same max.block.ms, turning one back-off step into batchSize of them: retry the batch later.
                break;
            }
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable(e);
        }
        catch (Exception e) {
            throw new KafkaUnavailable(e);
        }
        Instant now = Instant.now();
        for (Row row : batch) {
            commitToKafka.record(Duration.between(row.createdAt(), now));
        }
        published.increment(batch.size());
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void markPublished(Connection connection, List<Row> batch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MARK_PUBLISHED)) {
            update.setArray(1, connection.createArrayOf("uuid", batch.stream().map(Row::id).toArray()));
            update.executeUpdate();
        }
    }

    private void cleanup(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(CLEANUP)) {
            delete.setString(1, source);
            delete.setLong(2, settings.retainPublished().toSeconds());
            int removed = delete.executeUpdate();
            if (removed > 0) {
                log.debug("Removed {} published outbox rows of {}", removed, source);
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Row(UUID id, String topic, String key, String eventType, int eventVersion, String envelopeJson,
            Map<String, String> headers, Instant createdAt) {
    }

    private static final class KafkaUnavailable extends RuntimeException {
        KafkaUnavailable(Throwable cause) {
            super(cause);
        }
    }
}
