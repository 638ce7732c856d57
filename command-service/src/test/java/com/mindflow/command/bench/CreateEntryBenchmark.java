package com.mindflow.command.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Create-entry throughput and latency at N concurrent clients through the client entry point (the gateway), with
 * everything a real create does: token check, validation, the entry, its tags, the streak row, two outbox rows, one
 * durable commit. Not a test: a measurement to run by hand against a running stack (see command-service/README.md).
 *
 * <pre>
 * java command-service/src/test/java/com/mindflow/command/bench/CreateEntryBenchmark.java \
 *      [baseUrl=http://127.0.0.1:8080] [clients=16] [seconds=30] [warmupSeconds=5] [usersPerClient=2]
 * </pre>
 *
 * Each client is a virtual thread in a closed loop over its own users, each request a new day of one of them (dates
 * count back from today, so nothing collides: no 409). Users are registered through POST /api/auth/register (which
 * allows 5 per address and minute, so each gets its own X-Forwarded-For) and logged in once.
 */
public final class CreateEntryBenchmark {

    private static final Pattern ACCESS = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PASSWORD = "benchmark passphrase 42";
    private static final String BODY = """
            {"date":"%s","title":"Benchmark day %d","content":"Today I measured how fast *MindFlow* writes. \
            It was a good day, with some coffee and a long walk by the river.","mood":"happy",
            "tags":["bench","work"],"location":"Lisbon","weather":"Sunny","isPrivate":false}""";

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int usersPerClient = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();

        int userCount = clients * usersPerClient;
        System.out.printf("registering and logging in %d users through %s ...%n", userCount, base);
        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        List<Thread> signups = new ArrayList<>();
        AtomicLong setupErrors = new AtomicLong();
        for (int i = 0; i < userCount; i++) {
            int n = i;
            signups.add(Thread.ofVirtual().start(() -> {
                try {
                    tokens.add(signUp(http, base, n));
                }
                catch (Exception e) {
                    setupErrors.incrementAndGet();
                    System.err.println("user " + n + ": " + e.getMessage());
                }
            }));
        }
        for (Thread signup : signups) {
            signup.join();
        }
        if (tokens.size() < userCount) {
            throw new IllegalStateException(setupErrors.get() + " users could not be set up");
        }

        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long stopAt = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            List<String> mine = tokens.subList(c * usersPerClient, (c + 1) * usersPerClient);
            Thread.ofVirtual().name("client-" + c).start(() -> {
                long[] measured = new long[1_000_000];
                int n = 0;
                int request = 0;
                try {
                    while (System.nanoTime() < stopAt && n < measured.length) {
                        String token = mine.get(request % mine.size());
                        LocalDate date = today.minusDays(request / mine.size());
                        request++;
                        long t0 = System.nanoTime();
                        String outcome;
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(base + "/api/journals"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(date, request)))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            outcome = response.statusCode() == 201 ? null : "HTTP " + response.statusCode();
                        }
                        catch (Exception e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= stopAt) {
                            if (outcome == null) {
                                measured[n++] = t1 - t0;
                            }
                            else {
                                errors.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                            }
                        }
                    }
                }
                finally {
                    latencies.add(Arrays.copyOf(measured, n));
                    done.countDown();
                }
            });
        }
        done.await();

        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("clients=%d users=%d measured=%ds warmup=%ds created=%d errors=%d %s%n", clients,
                userCount, seconds, warmup, all.length, errorCount, errors);
        System.out.printf("throughput=%.1f entries/s p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n",
                all.length / (double) seconds, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    /** Registers a fresh user from its own forwarded address and logs in; answers the access token. */
    private static String signUp(HttpClient http, String base, int n) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String ip = "198.51.100." + (n % 250 + 1);
        HttpResponse<String> registered = post(http, base + "/api/auth/register", ip, """
                {"email":"%s","password":"%s","displayName":"Bench %d","timezone":"UTC","language":"en",
                 "consent":{"termsVersion":"v1","privacyPolicyVersion":"v1","dataProcessing":true,"marketing":false}}
                """.formatted(email, PASSWORD, n));
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("register: " + registered.statusCode() + " " + registered.body());
        }
        HttpResponse<String> login = post(http, base + "/api/auth/login", ip,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        Matcher token = ACCESS.matcher(login.body());
        if (login.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("login: " + login.statusCode() + " " + login.body());
        }
        return token.group(1);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String ip, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip)
                .header("User-Agent", "CreateEntryBenchmark")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
