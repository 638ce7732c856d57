package com.mindflow.system.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.mindflow.system.resilience.Load.Writer;
import com.mindflow.testsupport.LocalStack;

/**
 * {@code kill -9} of each service in turn while journals are written and read, then proof of convergence: every
 * write that was acknowledged is in the write database, and the read model and the search index hold exactly the
 * write database's entries at its versions; no event was applied twice (one mood event and one ENTRY_CREATE audit
 * record per entry). The local stack's keeper brings each killed service back.
 */
@Tag("fault-suite")
class FaultInjectionIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Integer> VICTIMS = new LinkedHashMap<>();

    static {
        VICTIMS.put("command-service", 8082);
        VICTIMS.put("projection-service", 8084);
        VICTIMS.put("query-service", 8083);
        VICTIMS.put("auth-service", 8081);
        VICTIMS.put("ai-processing-service", 8085);
        // The gateway's health lives on its management port.
        VICTIMS.put("api-gateway", 8090);
    }

    @Test
    void killingEachServiceUnderLoadLosesNoAcknowledgedWriteAndAppliesNothingTwice() throws Exception {
        List<Writer> writers = Load.writers(LocalStack.services(), 2);
        Load load = Load.start(writers);
        Map<String, Duration> backAfter = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Integer> victim : VICTIMS.entrySet()) {
                Thread.sleep(3_000);
                backAfter.put(victim.getKey(), killAndAwaitReturn(victim.getKey(), victim.getValue()));
            }
            Thread.sleep(3_000);
        }
        finally {
            load.stop();
        }
        System.out.printf("Fault injection: back after %s; %d requests failed while services were away; "
                + "acknowledged writes %s; %d reads answered%n", backAfter, load.failed().get(),
                writers.stream().map(w -> w.acknowledged().size()).toList(), load.reads().get());

        Convergence.assertConverged(writers);
    }

    @Test
    void killingTheBrokerAndThenPostgresqlUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        List<Writer> writers = Load.writers(LocalStack.services(), 2);
        Load load = Load.start(writers);
        Map<String, Duration> backAfter = new LinkedHashMap<>();
        try {
            // The broker lives in the supervisor's JVM (with the MongoDB-protocol and mail servers): all go at once.
            for (String server : List.of("supervisor", "postgresql")) {
                Thread.sleep(3_000);
                ProcessHandle victim = LocalStack.serverProcess(server).orElseThrow();
                Instant killed = Instant.now();
                victim.destroyForcibly();
                victim.onExit().get();
                Thread.sleep(5_000);
                LocalStack.restartServers();
                backAfter.put(server, Duration.between(killed, Instant.now()));
            }
            Thread.sleep(5_000);
        }
        finally {
            load.stop();
        }
        System.out.printf("Server faults: servers back after %s; %d requests failed meanwhile; acknowledged %s; "
                + "%d reads answered%n", backAfter, load.failed().get(),
                writers.stream().map(w -> w.acknowledged().size()).toList(), load.reads().get());
        Convergence.assertConverged(writers);
    }

    private static Duration killAndAwaitReturn(String module, int port) throws Exception {
        ProcessHandle victim = LocalStack.serviceProcess(module).orElseThrow();
        Instant killed = Instant.now();
        victim.destroyForcibly();
        victim.onExit().get();
        Instant deadline = killed.plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> revived = LocalStack.serviceProcess(module).filter(p -> p.pid() != victim.pid());
            if (revived.isPresent() && ready(port)) {
                return Duration.between(killed, Instant.now());
            }
            Thread.sleep(250);
        }
        throw new AssertionError(module + " did not come back within 3 minutes of kill -9");
    }

    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (Exception e) {
            return false;
        }
    }
}
