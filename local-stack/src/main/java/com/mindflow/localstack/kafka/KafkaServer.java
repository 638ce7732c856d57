package com.mindflow.localstack.kafka;

import com.mindflow.localstack.ConnectionDetails;
import com.mindflow.localstack.Env;
import com.mindflow.localstack.LocalServer;
import com.mindflow.localstack.Probe;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka 4 cluster in KRaft mode (broker and controller in one), hosted inside the supervisor JVM.
 * Storage is formatted once; the cluster id is kept in {@code cluster.id} so restarts reuse the same log.
 */
public final class KafkaServer implements LocalServer, ConnectionDetails {

    private final int port = Env.port("MINDFLOW_KAFKA_PORT", 9092);
    private final int controllerPort = Env.port("MINDFLOW_KAFKA_CONTROLLER_PORT", 9093);
    private KafkaRaftServer server;

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<Integer> ports() {
        return List.of(port, controllerPort);
    }

    @Override
    public boolean isRunning() {
        return Probe.kafka(port);
    }

    @Override
    public void start(Path dataDir, Path logDir) throws Exception {
        Path logDirs = dataDir.resolve("log");
        Properties props = config(logDirs);
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "written by local-stack on every start");
        }
        format(dataDir, logDirs, configFile);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        awaitBroker();
    }

    private Properties config(Path logDirs) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        // MINDFLOW_KAFKA_ADVERTISED (host:port): the name clients are told to use, when they reach the broker through
        // a forwarded address (the deployment parity test: "kafka:9092", as in docker-compose).
        p.put("advertised.listeners", "PLAINTEXT://" + Env.get("MINDFLOW_KAFKA_ADVERTISED", "127.0.0.1:" + port));
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirs.toString());
        p.put("auto.create.topics.enable", "true");
        // As in docker-compose: projections consume the partitions in parallel (per-user order is per partition).
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // A single broker: every internal topic has one replica, and fewer partitions start faster.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small-machine sizing: the log cleaner's default 128 MB dedupe buffer alone would outgrow the heap.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        p.put("log.retention.hours", "168");
        p.put("log.retention.bytes", Long.toString(512L * 1024 * 1024));
        return p;
    }

    private void format(Path dataDir, Path logDirs, Path configFile) throws Exception {
        if (Files.exists(logDirs.resolve("meta.properties"))) {
            return;
        }
        Path idFile = dataDir.resolve("cluster.id");
        if (!Files.exists(idFile)) {
            Files.writeString(idFile, Uuid.randomUuid().toString() + "\n");
        }
        String clusterId = Files.readString(idFile).trim();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed (" + exit + "): " + output);
        }
    }

    /** The port opens before the broker has registered with the controller; wait until it serves metadata. */
    private void awaitBroker() throws Exception {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60000);
        try (Admin admin = Admin.create(config)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("kafka broker did not register within 90 s", notYet);
                    }
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public Map<String, String> connectionProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap-servers", "127.0.0.1:" + port);
        return p;
    }
}
