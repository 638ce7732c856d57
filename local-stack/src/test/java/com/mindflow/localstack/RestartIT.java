package com.mindflow.localstack;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data survives {@code down} then {@code up}. Runs a second, isolated stack (own home under target/, ports +20000,
 * no Elasticsearch or mail) so stopping it cannot disturb the shared stack other tests and developers use.
 */
class RestartIT {

    private static final StackCommand stack = new StackCommand(
            StackCommand.root().resolve("local-stack/target/it-restart-home"),
            Map.of("MINDFLOW_SERVERS", "postgresql,redis,kafka,mongodb,s3",
                    "MINDFLOW_DB_PORT", "25432",
                    "MINDFLOW_REDIS_PORT", "26379",
                    "MINDFLOW_KAFKA_PORT", "29092",
                    "MINDFLOW_KAFKA_CONTROLLER_PORT", "29093",
                    "MINDFLOW_MONGO_PORT", "47017",
                    "MINDFLOW_S3_PORT", "29000"));

    @AfterAll
    static void down() throws Exception {
        stack.run("down");
    }

    @Test
    void dataSurvivesDownAndUp() throws Exception {
        StackCommand.Result up = stack.run("up", "--servers-only");
        assertThat(up.exit()).as(up.output()).isZero();
        Clients clients = new Clients(stack.connection());
        String marker = UUID.randomUUID().toString();
        String topic = "it-restart-" + marker;
        String objectKey = "restart/" + marker;

        try (Connection c = clients.jdbc("postgres")) {
            c.createStatement().execute("create table if not exists it_restart (marker text primary key)");
            try (PreparedStatement insert = c.prepareStatement("insert into it_restart values (?)")) {
                insert.setString(1, marker);
                insert.executeUpdate();
            }
        }
        try (S3Client s3 = clients.s3()) {
            s3.putObject(b -> b.bucket(clients.bucket()).key(objectKey), RequestBody.fromString(marker));
        }
        try (Jedis jedis = new Jedis("localhost", clients.redisPort())) {
            jedis.set("it:restart", marker);
        }
        try (MongoClient mongo = MongoClients.create(clients.mongoUri())) {
            mongo.getDatabase("mindflow_logs").getCollection("it_restart").insertOne(new Document("_id", marker));
        }
        clients.produce(topic, marker, marker);

        StackCommand.Result down = stack.run("down");
        assertThat(down.exit()).as(down.output()).isZero();
        StackCommand.Result status = stack.run("status");
        assertThat(status.output()).containsPattern("(?m)^postgresql +DOWN").containsPattern("(?m)^kafka +DOWN");

        StackCommand.Result again = stack.run("up", "--servers-only");
        assertThat(again.exit()).as(again.output()).isZero();

        try (Connection c = clients.jdbc("postgres");
             PreparedStatement select = c.prepareStatement("select count(*) from it_restart where marker = ?")) {
            select.setString(1, marker);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("postgres row").isEqualTo(1);
            }
        }
        try (S3Client s3 = clients.s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(clients.bucket()).key(objectKey)).asUtf8String())
                    .as("s3 object").isEqualTo(marker);
        }
        try (Jedis jedis = new Jedis("localhost", clients.redisPort())) {
            assertThat(jedis.get("it:restart")).as("redis key").isEqualTo(marker);
        }
        try (MongoClient mongo = MongoClients.create(clients.mongoUri())) {
            assertThat(mongo.getDatabase("mindflow_logs").getCollection("it_restart")
                    .find(new Document("_id", marker)).first()).as("mongo document").isNotNull();
        }
        assertThat(clients.consumeAll(topic, 1)).as("kafka record").containsExactly(marker);
    }

    /**
     * {@code kill -9} of the PostgreSQL postmaster: the supervisor starts PostgreSQL again alone, on its data, and
     * {@code up} finds it back (or waits for it) instead of restarting every server under a new supervisor.
     */
    @Test
    void aKilledPostmasterIsStartedAgainAloneWithItsData() throws Exception {
        StackCommand.Result up = stack.run("up", "--servers-only");
        assertThat(up.exit()).as(up.output()).isZero();
        Clients clients = new Clients(stack.connection());
        String marker = UUID.randomUUID().toString();
        try (Connection c = clients.jdbc("postgres")) {
            c.createStatement().execute("create table if not exists it_postmaster (marker text primary key)");
            try (PreparedStatement insert = c.prepareStatement("insert into it_postmaster values (?)")) {
                insert.setString(1, marker);
                insert.executeUpdate();
            }
        }
        long supervisor = pidIn(stack.home().resolve("run/servers.pid"));
        ProcessHandle postmaster = ProcessHandle.of(pidIn(stack.home().resolve("data/postgresql/postmaster.pid")))
                .orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get();

        StackCommand.Result again = stack.run("up", "--servers-only");
        assertThat(again.exit()).as(again.output()).isZero();
        // The supervisor notices within a second or so: up finds PostgreSQL back, or waits for it.
        assertThat(again.output()).as(again.output()).doesNotContain("restarting the servers");
        assertThat(Files.readString(stack.home().resolve("logs/servers.log")))
                .contains("postgresql exited; starting it again alone");
        assertThat(pidIn(stack.home().resolve("run/servers.pid"))).as("the supervisor's pid").isEqualTo(supervisor);
        assertThat(pidIn(stack.home().resolve("data/postgresql/postmaster.pid"))).as("a new postmaster")
                .isNotEqualTo(postmaster.pid());
        try (Connection c = clients.jdbc("postgres");
             PreparedStatement select = c.prepareStatement("select count(*) from it_postmaster where marker = ?")) {
            select.setString(1, marker);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the row committed before the kill").isEqualTo(1);
            }
        }
    }

    private static long pidIn(Path file) throws Exception {
        return Long.parseLong(Files.readAllLines(file).getFirst().trim());
    }

    /**
     * What the MongoDB-protocol server acknowledged as journaled survives {@code kill -9} of the supervisor's JVM
     * (the audit trail commits its Kafka offsets right after such a write).
     */
    @Test
    void journaledMongoWritesSurviveKillOfTheSupervisor() throws Exception {
        StackCommand.Result up = stack.run("up", "--servers-only");
        assertThat(up.exit()).as(up.output()).isZero();
        Clients clients = new Clients(stack.connection());
        String batch = UUID.randomUUID().toString();
        int written = 200;
        try (MongoClient mongo = MongoClients.create(clients.mongoUri())) {
            MongoCollection<Document> collection = mongo.getDatabase("mindflow_logs").getCollection("it_kill")
                    .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
            for (int i = 0; i < written; i++) {
                collection.insertOne(new Document("batch", batch).append("n", i));
            }
        }
        long postmaster = pidIn(stack.home().resolve("data/postgresql/postmaster.pid"));
        ProcessHandle supervisor = ProcessHandle.of(pidIn(stack.home().resolve("run/servers.pid"))).orElseThrow();
        supervisor.destroyForcibly();
        supervisor.onExit().get();

        StackCommand.Result again = stack.run("up", "--servers-only");
        assertThat(again.exit()).as(again.output()).isZero();
        try (MongoClient mongo = MongoClients.create(clients.mongoUri())) {
            assertThat(mongo.getDatabase("mindflow_logs").getCollection("it_kill")
                    .countDocuments(new Document("batch", batch))).as("journaled documents after kill -9")
                    .isEqualTo(written);
        }
        // PostgreSQL runs as a process of its own: the new supervisor reuses it and watches it as its own (a kill
        // -9 of it now starts it again alone), and down still stops it.
        assertThat(pidIn(stack.home().resolve("data/postgresql/postmaster.pid"))).as("the postmaster")
                .isEqualTo(postmaster);
        ProcessHandle reused = ProcessHandle.of(postmaster).orElseThrow();
        reused.destroyForcibly();
        reused.onExit().get();
        StackCommand.Result afterKill = stack.run("up", "--servers-only");
        assertThat(afterKill.exit()).as(afterKill.output()).isZero();
        assertThat(afterKill.output()).as(afterKill.output()).doesNotContain("restarting the servers");
        long restarted = pidIn(stack.home().resolve("data/postgresql/postmaster.pid"));
        assertThat(restarted).as("a new postmaster").isNotEqualTo(postmaster);

        StackCommand.Result down = stack.run("down");
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(ProcessHandle.of(restarted).filter(ProcessHandle::isAlive)).as("the postmaster after down").isEmpty();
    }
}
