package com.mindflow.auth.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Login throughput and latency at N concurrent clients against a running auth-service. Not a test: a measurement
 * to run by hand (see auth-service/README.md). Each client logs in as its own user from its own (forwarded) address
 * in a closed loop; the service must run with raised login rate limits, or the limiter is what gets measured.
 *
 * <pre>
 * java auth-service/src/test/java/com/mindflow/auth/bench/LoginBenchmark.java [baseUrl] [clients] [seconds] [warmupSeconds]
 * </pre>
 *
 * Bounded by design: it stops after warm-up plus the measured seconds and signs every session it opened out again.
 */
public final class LoginBenchmark {

    private static final Pattern ACCESS = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PASSWORD = "benchmark passphrase 42";

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        List<String> emails = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String email = "bench-" + UUID.randomUUID() + "@example.com";
            var response = post(http, base + "/api/auth/register", ip(i), """
                    {"email":"%s","password":"%s","displayName":"Bench %d","timezone":"UTC","language":"en",
                     "consent":{"termsVersion":"v1","privacyPolicyVersion":"v1","dataProcessing":true,"marketing":false}}
                    """.formatted(email, PASSWORD, i), null);
            if (response.statusCode() != 201) {
                throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
            }
            emails.add(email);
        }

        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmup).toNanos();
        long stopAt = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread.ofPlatform().name("bench-" + i).start(() -> {
                long[] mine = new long[100_000];
                int n = 0;
                try {
                    while (System.nanoTime() < stopAt && n < mine.length) {
                        long t0 = System.nanoTime();
                        var response = post(http, base + "/api/auth/login", ip(client),
                                "{\"email\":\"" + emails.get(client) + "\",\"password\":\"" + PASSWORD + "\"}", null);
                        long t1 = System.nanoTime();
                        Matcher m = ACCESS.matcher(response.body());
                        if (m.find()) {
                            tokens.add(m.group(1));
                        }
                        if (t0 >= measureFrom && t1 <= stopAt) {
                            if (response.statusCode() == 200) {
                                mine[n++] = t1 - t0;
                            }
                            else {
                                errors.incrementAndGet();
                            }
                        }
                    }
                }
                catch (Exception e) {
                    errors.incrementAndGet();
                }
                finally {
                    long[] trimmed = new long[n];
                    System.arraycopy(mine, 0, trimmed, 0, n);
                    latencies.add(trimmed);
                    done.countDown();
                }
            });
        }
        // A cheap endpoint's latency while logins saturate the CPU: must stay low (bcrypt runs on its own pool).
        List<Long> jwks = Collections.synchronizedList(new ArrayList<>());
        Thread probe = Thread.ofPlatform().name("bench-jwks").start(() -> {
            try {
                while (System.nanoTime() < stopAt) {
                    long t0 = System.nanoTime();
                    http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json")).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (t0 >= measureFrom) {
                        jwks.add(System.nanoTime() - t0);
                    }
                    Thread.sleep(200);
                }
            }
            catch (Exception e) {
                errors.incrementAndGet();
            }
        });
        done.await();
        probe.join();

        long[] all = latencies.stream().flatMapToLong(java.util.Arrays::stream).sorted().toArray();
        double rps = all.length / (double) seconds;
        System.out.printf("clients=%d measured=%ds warmup=%ds logins=%d errors=%d%n", clients, seconds, warmup,
                all.length, errors.get());
        System.out.printf("throughput=%.1f logins/s p50=%.0f ms p90=%.0f ms p99=%.0f ms max=%.0f ms%n", rps,
                pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);

        long[] jwksSorted = jwks.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("meanwhile GET /.well-known/jwks.json: n=%d p50=%.0f ms p99=%.0f ms%n", jwksSorted.length,
                pct(jwksSorted, 0.50), pct(jwksSorted, 0.99));

        for (String token : tokens) { // leave no benchmark sessions behind
            post(http, base + "/api/auth/logout", "127.0.0.1", "", token);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** A distinct forwarded client address per benchmark client; only a header value, nothing is sent there. */
    private static String ip(int client) {
        return "198.18.100." + (client + 1);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String ip, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip)
                .header("User-Agent", "LoginBenchmark")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
