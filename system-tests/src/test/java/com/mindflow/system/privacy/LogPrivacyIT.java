package com.mindflow.system.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * Journal text never leaks into what operators see: a marker planted in an entry, searched for, used as a tag
 * filter and a tag prefix, and sent in a refused request, appears in no request log record, no error log record, no
 * service log file and no metric of any service.
 */
class LogPrivacyIT {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every service's metrics: the five services on their ports, the gateway on its management port. */
    private static final List<Integer> METRICS_PORTS = List.of(8081, 8082, 8083, 8084, 8085, 8090);

    private static String gateway;

    @BeforeAll
    static void startEverything() {
        gateway = LocalStack.services();
    }

    @Test
    void aMarkerFromTheJournalIsInNoLogAndNoMetric() throws Exception {
        String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        Instant start = Instant.now().minusSeconds(1);
        Map<Path, Long> logSizes = logSizes();

        MindFlowClient client = new MindFlowClient(gateway);
        client.registerAndLogin();
        String userId = client.userId();
        client.post("/api/journals", Map.of("date", LocalDate.now(LISBON).toString(), "title", "About " + marker,
                "content", "Today " + marker + " happened, and I wrote it down.", "mood", "happy",
                "tags", List.of(marker))).expect(201);
        String q = URLEncoder.encode(marker, StandardCharsets.UTF_8);
        client.get("/api/search?q=" + q);
        client.get("/api/search?q=" + q + "&tags=" + q + "&size=7");
        client.get("/api/tags/suggest?prefix=" + q.substring(0, 8));
        client.get("/api/journals?tag=" + q);
        client.get("/api/search?q=" + q + "&mood=" + q); // refused: the marker as an unknown mood
        client.post("/api/journals", Map.of("date", "not-a-date-" + marker, "content", marker)); // refused

        try (MongoClient mongo = MongoClients.create(servers().mongoUri())) {
            var database = mongo.getDatabase(servers().mongoDatabase());
            MongoCollection<Document> requests = database.getCollection("api_requests");
            // The gateway batches the request log; wait until this user's requests are stored.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (requests.countDocuments(Filters.eq("userId", userId)) < 6 && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }
            assertThat(requests.countDocuments(Filters.eq("userId", userId))).isGreaterThanOrEqualTo(6);
            for (String collection : List.of("api_requests", "application_logs")) {
                for (Document record : database.getCollection(collection)
                        .find(Filters.gte("timestamp", Date.from(start)))) {
                    assertThat(record.toJson()).as("%s record", collection).doesNotContainIgnoringCase(marker);
                }
            }
        }
        for (Map.Entry<Path, Long> log : logSizes.entrySet()) {
            assertThat(appendedSince(log.getKey(), log.getValue())).as("log %s", log.getKey().getFileName())
                    .doesNotContainIgnoringCase(marker);
        }
        for (int port : METRICS_PORTS) {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as("metrics on %d", port).isEqualTo(200);
            assertThat(metrics.body()).as("metrics on %d", port).doesNotContainIgnoringCase(marker);
        }
    }

    private static Servers servers() {
        return LocalStack.servers();
    }

    private static Map<Path, Long> logSizes() throws Exception {
        Map<Path, Long> sizes = new HashMap<>();
        try (Stream<Path> logs = Files.list(LocalStack.logFile("api-gateway").getParent())) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                sizes.put(log, Files.size(log));
            }
        }
        return sizes;
    }

    private static String appendedSince(Path log, long offset) throws Exception {
        byte[] bytes = Files.readAllBytes(log);
        int from = (int) Math.min(offset, bytes.length);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
