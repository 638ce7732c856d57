package com.mindflow.query.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-side numbers through the one entry point (the gateway), against the whole running pipeline: list-recent
 * (cached), a filtered list (uncached), search, and under a steady write load the lag from a write's commit (its
 * POST answered) to visible in the read model and in search. Not a test: a measurement to run by hand (see
 * query-service/README.md).
 *
 * <pre>
 * java query-service/src/test/java/com/mindflow/query/bench/ReadBenchmark.java [baseUrl] [clients] [seconds] [writesPerSecond]
 * </pre>
 *
 * Bounded: each read phase runs {@code seconds} (after a 3 s warm-up), the write phase {@code seconds} at
 * {@code writesPerSecond}; every polled write gives up after 10 s (counted as not visible).
 */
public final class ReadBenchmark {

    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final String PASSWORD = "benchmark passphrase 42";
    private static final String[] MOODS = { "ecstatic", "happy", "neutral", "sad", "anxious", "angry" };
    private static final String[] WORDS = { "river", "garden", "meeting", "deadline", "coffee", "family", "running",
            "music", "travel", "project" };
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private record User(String token, int index) {
    }

    private record Result(String name, int requests, long errors, double seconds, long[] sortedNanos) {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int writesPerSecond = args.length > 3 ? Integer.parseInt(args[3]) : 100;

        List<User> users = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            users.add(register(base, i));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int perUser = 30;
        for (User user : users) {
            for (int day = 1; day <= perUser; day++) {
                write(base, user, today.minusDays(day), WORDS[day % WORDS.length] + " day " + day);
            }
        }
        System.out.printf("setup: %d users, %d entries each; waiting for the read model%n", clients, perUser);
        for (User user : users) { // the last write of each user visible in the list: projection caught up
            waitUntil(() -> count(get(base, "/api/journals?limit=100", user).body()) >= perUser, GIVE_UP);
        }

        List<Result> results = new ArrayList<>();
        results.add(closedLoop("list recent (cached)", users, seconds, u -> "/api/journals", base));
        results.add(closedLoop("list mood filter (uncached)", users, seconds,
                u -> "/api/journals?mood=" + MOODS[ThreadLocalRandom.current().nextInt(MOODS.length)], base));
        results.add(closedLoop("search", users, seconds,
                u -> "/api/search?q=" + WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)], base));

        long[][] lags = writeLoad(base, users, seconds, writesPerSecond, today.minusDays(perUser + 1L));

        System.out.println();
        System.out.printf("%-30s %8s %8s %10s %9s %9s %9s%n", "phase (" + clients + " clients)", "requests",
                "errors", "req/s", "p50 ms", "p99 ms", "max ms");
        for (Result r : results) {
            System.out.printf("%-30s %8d %8d %10.1f %9.1f %9.1f %9.1f%n", r.name(), r.requests(), r.errors(),
                    r.requests() / r.seconds(), pct(r.sortedNanos(), 0.50), pct(r.sortedNanos(), 0.99),
                    pct(r.sortedNanos(), 1.0));
        }
        System.out.println();
        System.out.printf("%-30s %8s %8s %9s %9s %9s%n", "lag at " + writesPerSecond + " writes/s", "writes",
                "missing", "p50 ms", "p99 ms", "max ms");
        String[] names = { "commit -> read model", "commit -> searchable", "write POST latency" };
        for (int i = 0; i < 3; i++) {
            long[] sorted = lags[i];
            System.out.printf("%-30s %8d %8d %9.1f %9.1f %9.1f%n", names[i], sorted.length, lags[3][i],
                    pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 1.0));
        }
    }

    /** {@code clients} closed-loop readers (one per user), warm-up excluded from the numbers. */
    private static Result closedLoop(String name, List<User> users, int seconds, IntFunction<String> path,
            String base) throws InterruptedException {
        long measureFrom = System.nanoTime() + WARMUP.toNanos();
        long stopAt = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<long[]> all = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(users.size());
        for (User user : users) {
            Thread.ofVirtual().start(() -> {
                long[] mine = new long[1_000_000];
                int n = 0;
                try {
                    while (System.nanoTime() < stopAt && n < mine.length) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = get(base, path.apply(user.index()), user);
                        long t1 = System.nanoTime();
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
                    all.add(Arrays.copyOf(mine, n));
                    done.countDown();
                }
            });
        }
        done.await();
        long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, sorted.length, errors.get(), seconds, sorted);
    }

    /**
     * Writes at a steady rate for {@code seconds}; after each POST returns, polls the entry (read model) and a search
     * for the entry's unique word (search) until each shows it. Returns sorted lags for read model, search, the POST
     * itself, and the counts of writes that never became visible.
     */
    private static long[][] writeLoad(String base, List<User> users, int seconds, int perSecond, LocalDate newest)
            throws InterruptedException {
        int total = seconds * perSecond;
        List<Long> readLags = Collections.synchronizedList(new ArrayList<>());
        List<Long> searchLags = Collections.synchronizedList(new ArrayList<>());
        List<Long> postLatencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger readMissing = new AtomicInteger();
        AtomicInteger searchMissing = new AtomicInteger();
        AtomicInteger postFailed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / perSecond;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
            User user = users.get(i % users.size());
            LocalDate date = newest.minusDays(i / users.size());
            String word = "lag" + UUID.randomUUID().toString().replace("-", "");
            Thread.ofVirtual().start(() -> {
                try {
                    long t0 = System.nanoTime();
                    String id = write(base, user, date, word);
                    long committed = System.nanoTime();
                    if (id == null) {
                        postFailed.incrementAndGet();
                        return;
                    }
                    postLatencies.add(committed - t0);
                    Thread read = Thread.ofVirtual().start(() -> {
                        long seen = pollUntil(() -> get(base, "/api/journals/" + id, user).statusCode() == 200, 5);
                        if (seen < 0) {
                            readMissing.incrementAndGet();
                        }
                        else {
                            readLags.add(seen - committed);
                        }
                    });
                    long seen = pollUntil(() -> {
                        Matcher m = TOTAL.matcher(get(base, "/api/search?q=" + word, user).body());
                        return m.find() && Long.parseLong(m.group(1)) > 0;
                    }, 25);
                    if (seen < 0) {
                        searchMissing.incrementAndGet();
                    }
                    else {
                        searchLags.add(seen - committed);
                    }
                    read.join();
                }
                catch (Exception e) {
                    postFailed.incrementAndGet();
                }
                finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return new long[][] { sorted(readLags), sorted(searchLags), sorted(postLatencies),
                { readMissing.get() + postFailed.get(), searchMissing.get() + postFailed.get(), postFailed.get() } };
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Polls every {@code everyMillis} until the check passes; the nano time it passed, or -1 after GIVE_UP. */
    private static long pollUntil(Check check, long everyMillis) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        try {
            while (System.nanoTime() < giveUp) {
                if (check.ok()) {
                    return System.nanoTime();
                }
                Thread.sleep(everyMillis);
            }
        }
        catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static void waitUntil(Check check, Duration atMost) {
        long giveUp = System.nanoTime() + atMost.toNanos();
        try {
            while (System.nanoTime() < giveUp && !check.ok()) {
                Thread.sleep(50);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static User register(String base, int i) throws Exception {
        String email = "read-bench-" + UUID.randomUUID() + "@example.com";
        String ip = "198.51.100." + (i % 250 + 1);
        HttpResponse<String> registered = post(base + "/api/auth/register", ip, """
                {"email":"%s","password":"%s","displayName":"Read bench %d","timezone":"UTC","language":"en",
                 "consent":{"termsVersion":"v1","privacyPolicyVersion":"v1","dataProcessing":true,"marketing":false}}
                """.formatted(email, PASSWORD, i), null);
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("register failed: " + registered.statusCode() + " " + registered.body());
        }
        HttpResponse<String> login = post(base + "/api/auth/login", ip,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null);
        Matcher m = TOKEN.matcher(login.body());
        if (login.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.body());
        }
        return new User(m.group(1), i);
    }

    /** Creates an entry; its id, or null when the write was refused. */
    private static String write(String base, User user, LocalDate date, String word) throws Exception {
        String mood = MOODS[ThreadLocalRandom.current().nextInt(MOODS.length)];
        HttpResponse<String> response = post(base + "/api/journals", "198.51.100." + (user.index() % 250 + 1), """
                {"date":"%s","title":"Bench %s","content":"Today %s was on my mind, and little else.",
                 "mood":"%s","tags":["bench","%s"],"isPrivate":false}
                """.formatted(date, word, word, mood, WORDS[user.index() % WORDS.length]), user.token());
        if (response.statusCode() != 201) {
            System.err.println("write refused: " + response.statusCode() + " " + response.body());
            return null;
        }
        Matcher m = ID.matcher(response.body());
        return m.find() ? m.group(1) : null;
    }

    private static int count(String listBody) {
        Matcher m = ID.matcher(listBody);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static HttpResponse<String> get(String base, String path, User user) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path.replace(" ", "%20")))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + user.token())
                .header("X-Forwarded-For", "198.51.100." + (user.index() % 250 + 1))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String ip, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", ip)
                .header("User-Agent", "ReadBenchmark")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
