package com.mindflow.system.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.corpus.AttachmentCorpus;
import com.mindflow.testsupport.corpus.AttachmentCorpus.Sample;

/**
 * The services as {@code ./mindflow up} runs them (224 MB heaps, exit on OutOfMemoryError): hostile uploads do not
 * take the write service down, and a service that dies anyway is started again by the stack's keeper.
 */
class ServiceResilienceIT {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String gateway;

    @BeforeAll
    static void startEverything() {
        gateway = LocalStack.services();
    }

    @Test
    void theHostileCorpusThreeAtATimeLeavesTheWriteServiceUp() throws Exception {
        ProcessHandle before = LocalStack.serviceProcess("command-service").orElseThrow();
        Path log = LocalStack.logFile("command-service");
        long logBefore = Files.size(log);
        MindFlowClient client = new MindFlowClient(gateway);
        client.registerAndLogin();
        LocalDate day = LocalDate.now(LISBON);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (Sample sample : AttachmentCorpus.hostile()) {
                String entry = client.post("/api/journals", Map.of("date", day.toString(), "title", sample.name(),
                        "content", "An entry to attach " + sample.name() + " to.")).expect(201).json().get("id")
                        .asString();
                day = day.minusDays(1);
                String path = "/api/journals/" + entry + "/attachments";
                List<Future<Response>> uploads = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    uploads.add(pool.submit(() -> client.upload(path, sample.name(), sample.bytes())));
                }
                for (Future<Response> upload : uploads) {
                    Response response = upload.get();
                    if (response.status() == 201) {
                        assertThat(response.json().path("thumbnailUrl").isNull()).as("%s: %s", sample, response.body())
                                .isTrue();
                    }
                    else {
                        assertThat(response.status()).as("%s: %s", sample, response.body()).isBetween(400, 499);
                        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
                    }
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(LocalStack.serviceProcess("command-service")).as("the same process, never restarted")
                .map(ProcessHandle::pid).contains(before.pid());
        assertThat(health(8082)).isEqualTo(200);
        byte[] logged = Files.readAllBytes(log);
        assertThat(new String(logged, (int) logBefore, logged.length - (int) logBefore, StandardCharsets.UTF_8))
                .doesNotContain("OutOfMemoryError");
    }

    @Test
    void aKilledServiceIsStartedAgainAndStatusCountsTheRestart() throws Exception {
        // Other tests of the same stack (FaultInjectionIT) may have killed it before: count from here.
        int restartsBefore = restarts(queryServiceStatus());
        ProcessHandle victim = LocalStack.serviceProcess("query-service").orElseThrow();
        victim.destroyForcibly();
        victim.onExit().get();

        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Optional<ProcessHandle> revived = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            revived = LocalStack.serviceProcess("query-service").filter(p -> p.pid() != victim.pid());
            if (revived.isPresent() && health(8083) == 200) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(revived).as("query-service running again").isPresent();
        assertThat(health(8083)).isEqualTo(200);
        String status = queryServiceStatus();
        assertThat(status).contains("UP");
        assertThat(restarts(status)).as(status).isEqualTo(restartsBefore + 1);
    }

    private static String queryServiceStatus() {
        return LocalStack.status().lines().filter(l -> l.startsWith("query-service")).findFirst().orElseThrow();
    }

    /** The restarts column: "n (last <instant>)", or nothing before the first restart. */
    private static int restarts(String statusLine) {
        Matcher restarts = Pattern.compile("\\s(\\d+) \\(last ").matcher(statusLine);
        return restarts.find() ? Integer.parseInt(restarts.group(1)) : 0;
    }

    private static int health(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (Exception e) {
            return -1;
        }
    }
}
