package com.mindflow.localstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer's stack (conventional ports, .mindflow): started or reused by {@code up --servers-only}, then every
 * server is used over loopback with a real client. It is left running for the next tests, as test-support does.
 */
class ServersIT {

    private static final StackCommand stack = new StackCommand();
    private static Properties connection;
    private static Clients clients;

    @BeforeAll
    static void up() throws Exception {
        StackCommand.Result first = stack.run("up", "--servers-only");
        assertThat(first.exit()).as(first.output()).isZero();
        connection = stack.connection();
        clients = new Clients(connection);
    }

    @Test
    void secondUpFindsEverythingRunningQuickly() throws Exception {
        StackCommand.Result again = stack.run("up", "--servers-only");

        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("already running");
        assertThat(again.seconds()).isLessThan(30);
    }

    @Test
    void statusListsEveryServerUp() throws Exception {
        StackCommand.Result status = stack.run("status");

        assertThat(status.exit()).isZero();
        List<String> servers = new java.util.ArrayList<>(List.of("postgresql", "kafka", "s3", "mongodb", "redis", "mail"));
        if (ServerCatalog.hasElasticsearch()) {
            servers.add("elasticsearch");
        }
        for (String server : servers) {
            assertThat(status.output()).containsPattern("(?m)^" + server + " +UP ");
        }
    }

    @Test
    void postgresAcceptsTheMindflowRoleAndHasTheMigratedDatabases() throws Exception {
        List<String> databases = StackCommand.migrationsBuilt()
                ? List.of("mindflow_write", "mindflow_read", "mindflow_analytics")
                : List.of("postgres");
        for (String database : databases) {
            try (Connection c = clients.jdbc(database); ResultSet rs = c.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        try (Connection c = clients.jdbc(databases.get(0));
             ResultSet rs = c.createStatement().executeQuery("show fsync")) {
            rs.next();
            assertThat(rs.getString(1)).as("durable commits").isEqualTo("on");
        }
    }

    @Test
    void redisPingSetGet() {
        try (Jedis jedis = new Jedis("localhost", clients.redisPort())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            String key = "it:" + UUID.randomUUID();
            jedis.setex(key, 60, "value");
            assertThat(jedis.get(key)).isEqualTo("value");
        }
    }

    @Test
    void kafkaProduceThenConsume() throws Exception {
        String topic = "it-servers-" + UUID.randomUUID();
        clients.produce(topic, "k", "hello kafka");

        assertThat(clients.consumeAll(topic, 1)).containsExactly("hello kafka");
    }

    @Test
    void mongoInsertThenFind() {
        try (MongoClient mongo = MongoClients.create(clients.mongoUri())) {
            MongoCollection<Document> collection = mongo.getDatabase(connection.getProperty("mongodb.database"))
                    .getCollection("it_servers");
            String id = UUID.randomUUID().toString();
            collection.insertOne(new Document("_id", id).append("mood", "calm"));

            assertThat(collection.find(new Document("_id", id)).first()).containsEntry("mood", "calm");
        }
    }

    @Test
    void s3PutThenGetInTheBucket() {
        try (S3Client s3 = clients.s3()) {
            String key = "it/" + UUID.randomUUID() + ".txt";
            s3.putObject(b -> b.bucket(clients.bucket()).key(key).contentType("text/plain"),
                    RequestBody.fromString("attachment body"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket(clients.bucket()).key(key)).asUtf8String())
                    .isEqualTo("attachment body");
            s3.deleteObject(b -> b.bucket(clients.bucket()).key(key));
        }
    }

    @Test
    void smtpDeliversAndImapReadsBack() throws Exception {
        String recipient = "it-" + UUID.randomUUID() + "@mindflow.test";
        String subject = "Welcome " + UUID.randomUUID();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "localhost");
        smtp.put("mail.smtp.port", connection.getProperty("mail.smtp-port"));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("noreply@mindflow.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);

        Properties imap = new Properties();
        imap.put("mail.imap.port", connection.getProperty("mail.imap-port"));
        Store store = Session.getInstance(imap).getStore("imap");
        store.connect("localhost", recipient, "any-password");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(List.of(inbox.getMessages())).extracting(Message::getSubject).contains(subject);
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void elasticsearchAnswersWhenItIsPartOfTheStack() throws Exception {
        String url = connection.getProperty("elasticsearch.url");
        if (url == null) {
            // Not a skip: the stack reports no Elasticsearch because its class is not in this build yet.
            assertThat(ServerCatalog.hasElasticsearch()).isFalse();
            return;
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsPattern("\"status\":\"(green|yellow)\"");
    }
}
