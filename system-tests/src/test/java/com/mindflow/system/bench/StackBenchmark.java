package com.mindflow.system.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The whole stack under load, with the CPU each process spent per operation (issue #10). Not a test: run by hand
 * against a running {@code ./mindflow up}, on the same machine (it reads {@code /proc}):
 *
 * <pre>
 * java [-Dwarmup=30] system-tests/src/test/java/com/mindflow/system/bench/StackBenchmark.java \
 *      [base=http://127.0.0.1:8080] [clients=16] [seconds=20] [phases=create,list,search,openloop] [rate=100]
 * </pre>
 *
 * <p>Phases, each after a warm-up that is not counted:
 * <ul>
 * <li>{@code create}: closed-loop {@code POST /api/journals}, each request a new day of one of the client's users.
 * <li>{@code list}: closed-loop {@code GET /api/journals} (the cached recent page).
 * <li>{@code seed-search}: fills the search index to 100,000 entries of 1,000 users: the clients' users get 100 entries
 * each through the API (the whole write path), the other users' documents go straight to Elasticsearch in
 * {@code _bulk} requests, in the index's own shape and routing (the sink's way, without the events behind it). Run
 * it once before {@code search} to measure search on a realistic index ({@code index=…} names the alias, default
 * {@code journal_entries}; the documents of the synthetic users are left behind, as in any long-lived index).
 * <li>{@code search}: closed-loop {@code GET /api/search?q=…} over each user's own entries.
 * <li>{@code semantic-search}: closed-loop {@code GET /api/search?mode=semantic&q=…} (a phrase embedded in
 * query-service, kNN over the user's passages, read-model check, best sentence per hit), once every client's entries
 * have been analysed and embedded (issue #11: p99 ≤ 100 ms with 8 clients; run with {@code clients=8}).
 * <li>{@code openloop}: writes at a fixed rate ({@code rate}/s, not closed-loop, so a slow system cannot slow the
 * load down); after each commit it polls the entry (read model, every 20 ms) and a search for its unique word
 * (searchable, every 100 ms), and counts writes shed (503) or never visible. The lags include the poll interval.
 * <li>{@code history}: a user with 3,650 entries against a new user, one client each: create, edit, read latency.
 * <li>{@code idle}: no load at all; what each process spends doing nothing, in ms of CPU per second. At low load
 * this background (polls, probes, timers) dominates the CPU per operation.
 * <li>{@code memory}: nothing but the memory report that ends every run.
 * </ul>
 *
 * <p>CPU per operation comes from {@code utime + stime} of every process of the stack ({@code /proc/<pid>/stat}),
 * grouped by what it is (a service, PostgreSQL with all its backends, Elasticsearch with its launcher, the
 * supervisor JVM hosting Kafka and the MongoDB-protocol server, …), before and after the measured window, divided
 * by the operations completed in that window. The load generator's own CPU is reported apart. Every client has its
 * own loopback source address (127.0.1.x), so per-address limits see distinct clients without any forwarded header.
 */
public final class StackBenchmark {

    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final String PASSWORD = "benchmark passphrase 42";
    private static final String[] MOODS = { "ecstatic", "happy", "neutral", "sad", "anxious", "angry" };
    private static final String[] PHRASES = { "an afternoon stroll along the water", "worried about work",
            "time with my relatives", "a cup of something warm", "getting some exercise outdoors" };
    private static final String[] WORDS = { "river", "garden", "meeting", "deadline", "coffee", "family", "running",
            "music", "travel", "project" };
    /** Not counted: the JIT compiles the hot paths of every JVM first (-Dwarmup=seconds; 30 by default). */
    private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmup", 30));
    private static final Duration GIVE_UP = Duration.ofSeconds(10);
    /**
     * How often the open loop looks for a write in the read model and in search. Every write in flight polls, so at
     * 100 writes/s a 5 ms poll alone would be thousands of reads a second: the probe must not become the load.
     */
    private static final long READ_POLL_MILLIS = 20;
    private static final long SEARCH_POLL_MILLIS = 100;
    private static final long TICK_NANOS = 1_000_000_000L / 100; // USER_HZ is 100 on Linux x86_64

    private final String base;
    private final int clients;
    private final int seconds;
    private final AtomicInteger nextAddress = new AtomicInteger(1);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private StackBenchmark(String base, int clients, int seconds) {
        this.base = base;
        this.clients = clients;
        this.seconds = seconds;
    }

    /** One client: its own source address, its own connection pool, one user. */
    private record Client(HttpClient http, String token, int index, AtomicInteger daysBack) {

        /** Every create of a client is a new day of its user, counting back from today (no 409). */
        LocalDate nextDate(LocalDate today) {
            return today.minusDays(daysBack.incrementAndGet());
        }
    }

    private record Outcome(long[] sortedNanos, Map<String, Long> errors, double seconds,
            Map<String, Double> cpuMillis) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        String base = arg(args, 0, "http://127.0.0.1:8080");
        int clients = Integer.parseInt(arg(args, 1, "16"));
        int seconds = Integer.parseInt(arg(args, 2, "20"));
        List<String> phases = List.of(arg(args, 3, "create,list,search,openloop").split(","));
        int rate = Integer.parseInt(arg(args, 4, "100"));
        StackBenchmark bench = new StackBenchmark(base, clients, seconds);

        System.out.printf("MindFlow stack benchmark: %s, %d clients, %d s per phase (+%d s warm-up), %s%n", base,
                clients, seconds, WARMUP.toSeconds(), LocalDate.now());
        boolean needsUsers = phases.stream().anyMatch(p -> !List.of("memory", "history", "idle").contains(p));
        List<Client> users = needsUsers ? bench.signUpAll(clients) : List.of();
        for (String phase : phases) {
            switch (phase.trim()) {
                case "create" -> bench.report("create entry", bench.closedLoop(users, bench::createOne));
                case "list" -> {
                    bench.seed(users, 30);
                    bench.report("list recent (cached)", bench.closedLoop(users, c -> bench.get(c, "/api/journals")));
                }
                case "seed-search" -> bench.seedSearchIndex(users, 1_000, 100);
                case "search" -> {
                    bench.seed(users, 30);
                    bench.report("search", bench.closedLoop(users,
                            c -> bench.get(c, "/api/search?q=" + WORDS[ThreadLocalRandom.current().nextInt(10)])));
                }
                case "semantic-search" -> {
                    bench.seed(users, 30);
                    bench.awaitEmbedded(users);
                    bench.report("semantic search", bench.closedLoop(users, c -> bench.get(c, "/api/search?mode=semantic&q="
                            + PHRASES[ThreadLocalRandom.current().nextInt(PHRASES.length)])));
                }
                case "openloop" -> bench.openLoop(users, rate);
                case "history" -> bench.history();
                case "idle" -> bench.idle();
                case "memory" -> {
                    // printed at the end of every run
                }
                default -> throw new IllegalArgumentException("unknown phase " + phase);
            }
        }
        bench.memory();
    }

    // ---- phases ----------------------------------------------------------------------------------------------

    private Outcome closedLoop(List<Client> users, Function<Client, Integer> request) throws InterruptedException {
        long measureFrom = System.nanoTime() + WARMUP.toNanos();
        long stopAt = measureFrom + Duration.ofSeconds(seconds).toNanos();
        List<long[]> all = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> errors = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(users.size());
        Map<String, Long>[] cpu = cpuAt(measureFrom, stopAt);
        for (Client client : users) {
            Thread.ofVirtual().start(() -> {
                long[] mine = new long[1_000_000];
                int n = 0;
                try {
                    while (System.nanoTime() < stopAt && n < mine.length) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = request.apply(client);
                        }
                        catch (RuntimeException e) {
                            status = -1;
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= stopAt) {
                            if (status / 100 == 2) {
                                mine[n++] = t1 - t0;
                            }
                            else {
                                errors.merge(status < 0 ? "I/O error" : "HTTP " + status, 1L, Long::sum);
                            }
                        }
                    }
                }
                finally {
                    all.add(Arrays.copyOf(mine, n));
                    done.countDown();
                }
            });
        }
        done.await();
        long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Outcome(sorted, errors, seconds, cpuDelta(cpu));
    }

    /** Writes at a fixed rate; each write then waits to be read back from the read model and from search. */
    private void openLoop(List<Client> users, int perSecond) throws InterruptedException {
        int total = seconds * perSecond;
        List<Long> readLags = Collections.synchronizedList(new ArrayList<>());
        List<Long> searchLags = Collections.synchronizedList(new ArrayList<>());
        List<Long> postLatencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> refused = new ConcurrentHashMap<>();
        AtomicInteger readMissing = new AtomicInteger();
        AtomicInteger searchMissing = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 200_000_000L;
        Map<String, Long>[] cpu = cpuAt(start, start + Duration.ofSeconds(seconds).toNanos());
        long interval = 1_000_000_000L / perSecond;
        for (int i = 0; i < total; i++) {
            long sleep = start + i * interval - System.nanoTime();
            if (sleep > 0) {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            }
            Client client = users.get(i % users.size());
            String word = "lag" + UUID.randomUUID().toString().replace("-", "");
            Thread.ofVirtual().start(() -> {
                try {
                    long t0 = System.nanoTime();
                    HttpResponse<String> created = post(client, "/api/journals", entryJson(client.nextDate(today), word));
                    long committed = System.nanoTime();
                    Matcher id = ID.matcher(created.body());
                    if (created.statusCode() != 201 || !id.find()) {
                        refused.merge("HTTP " + created.statusCode(), 1L, Long::sum);
                        return;
                    }
                    postLatencies.add(committed - t0);
                    String path = "/api/journals/" + id.group(1);
                    Thread read = Thread.ofVirtual().start(() -> {
                        long seen = pollUntil(() -> get(client, path) == 200, READ_POLL_MILLIS);
                        if (seen < 0) {
                            readMissing.incrementAndGet();
                        }
                        else {
                            readLags.add(seen - committed);
                        }
                    });
                    long seen = pollUntil(() -> {
                        Matcher m = TOTAL.matcher(send(client, "/api/search?q=" + word).body());
                        return m.find() && Long.parseLong(m.group(1)) > 0;
                    }, SEARCH_POLL_MILLIS);
                    if (seen < 0) {
                        searchMissing.incrementAndGet();
                    }
                    else {
                        searchLags.add(seen - committed);
                    }
                    read.join();
                }
                catch (Exception e) {
                    refused.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                }
                finally {
                    done.countDown();
                }
            });
        }
        done.await();
        Map<String, Double> cpuMillis = cpuDelta(cpu);
        System.out.printf("%n== open loop at %d writes/s for %d s: %d writes, refused %s, never in read model %d, "
                + "never searchable %d%n", perSecond, seconds, total, refused, readMissing.get(),
                searchMissing.get());
        line("write POST latency", sorted(postLatencies));
        line("commit -> read model", sorted(readLags));
        line("commit -> searchable", sorted(searchLags));
        System.out.println("   CPU per write (including the read-back polling), ms:");
        cpuLines(cpuMillis, Math.max(1, postLatencies.size()));
    }

    /** A user with ten years of daily entries against a new user: create, edit and read latency, one at a time. */
    private void history() throws Exception {
        Client veteran = signUp(0);
        Client newcomer = signUp(1);
        int years = 3_650;
        System.out.printf("%n== history: writing %d entries for one user ...%n", years);
        List<Thread> writers = new ArrayList<>();
        // Ten years before the 200 days the measurement writes (today - 1 .. today - 200), none shared.
        AtomicInteger day = new AtomicInteger(years + 201);
        for (int t = 0; t < 8; t++) {
            writers.add(Thread.ofVirtual().start(() -> {
                int d;
                while ((d = day.decrementAndGet()) > 200) {
                    try {
                        post(veteran, "/api/journals", entryJson(today.minusDays(d), "old"));
                    }
                    catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        for (Client client : List.of(newcomer, veteran)) {
            long[][] times = new long[3][200];
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> created = post(client, "/api/journals",
                        entryJson(today.minusDays(i + 1), "history"));
                long t1 = System.nanoTime();
                Matcher id = ID.matcher(created.body());
                Matcher version = VERSION.matcher(created.body());
                if (created.statusCode() != 201 || !id.find() || !version.find()) {
                    throw new IllegalStateException("create: " + created.statusCode() + " " + created.body());
                }
                HttpResponse<String> edited = send(client, HttpRequest.newBuilder(uri("/api/journals/" + id.group(1)))
                        .header("Content-Type", "application/json").header("If-Match", "\"" + version.group(1) + "\"")
                        .PUT(HttpRequest.BodyPublishers.ofString(entryJson(today.minusDays(i + 1), "edited"))));
                long t2 = System.nanoTime();
                int read = get(client, "/api/journals?limit=20");
                long t3 = System.nanoTime();
                if (edited.statusCode() != 200 || read != 200) {
                    throw new IllegalStateException("edit " + edited.statusCode() + " " + edited.body() + ", read " + read);
                }
                times[0][i] = t1 - t0;
                times[1][i] = t2 - t1;
                times[2][i] = t3 - t2;
            }
            String who = client == veteran ? "user with " + years + " entries" : "new user";
            for (int k = 0; k < 3; k++) {
                Arrays.sort(times[k]);
            }
            System.out.printf("   %-26s create p50 %.1f ms p99 %.1f | edit p50 %.1f p99 %.1f | list p50 %.1f p99 %.1f%n",
                    who, pct(times[0], .5), pct(times[0], .99), pct(times[1], .5), pct(times[1], .99),
                    pct(times[2], .5), pct(times[2], .99));
        }
    }

    /**
     * Resident memory per group: RSS as {@code ps} shows it, and PSS (each shared page divided among the processes
     * that map it), whose sum is what the stack really takes: PostgreSQL's backends all map the same shared
     * buffers, and the JVMs map their AOT caches, so a sum of RSS counts those pages many times.
     */
    private void idle() throws InterruptedException {
        long from = System.nanoTime() + 1_000_000_000L;
        Map<String, Long>[] cpu = cpuAt(from, from + Duration.ofSeconds(seconds).toNanos());
        Map<String, Double> spent = cpuDelta(cpu);
        System.out.printf("%n== idle for %d s: CPU per second of wall time, ms%n", seconds);
        cpuLines(spent, seconds);
    }

    private void memory() throws IOException {
        Map<String, long[]> kb = new TreeMap<>();
        for (ProcessInfo p : processes()) {
            long[] sums = kb.computeIfAbsent(p.group(), g -> new long[2]);
            sums[0] += p.rssKb();
            sums[1] += pssKb(p.pid());
        }
        long rss = kb.values().stream().mapToLong(v -> v[0]).sum();
        long pss = kb.values().stream().mapToLong(v -> v[1]).sum();
        System.out.printf("%n== memory of the stack: PSS %.0f MB (RSS summed %.0f MB)%n", pss / 1024.0, rss / 1024.0);
        kb.forEach((group, v) -> System.out.printf("   %-28s PSS %6.0f MB   RSS %6.0f MB%n", group, v[1] / 1024.0,
                v[0] / 1024.0));
    }

    private static long pssKb(int pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Integer.toString(pid), "smaps_rollup")).stream()
                    .filter(l -> l.startsWith("Pss:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(0);
        }
        catch (IOException gone) {
            return 0;
        }
    }

    // ---- requests --------------------------------------------------------------------------------------------

    private int createOne(Client client) {
        try {
            return post(client, "/api/journals", entryJson(client.nextDate(today), WORDS[client.index() % 10])).statusCode();
        }
        catch (Exception e) {
            return -1;
        }
    }

    private void seed(List<Client> users, int perUser) throws InterruptedException {
        System.out.printf("%nseeding %d entries for each of %d users ...%n", perUser, users.size());
        CountDownLatch done = new CountDownLatch(users.size());
        for (Client client : users) {
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < perUser; i++) {
                        post(client, "/api/journals", entryJson(client.nextDate(today), WORDS[i % 10]));
                    }
                }
                catch (Exception e) {
                    System.err.println("seed: " + e);
                }
                finally {
                    done.countDown();
                }
            });
        }
        done.await();
        Thread.sleep(3_000); // let the projections catch up before measuring reads
    }

    /** Waits (up to 5 minutes) until every client's entries are found by meaning: analysed, embedded, indexed. */
    private void awaitEmbedded(List<Client> users) {
        long t0 = System.nanoTime();
        long giveUp = t0 + Duration.ofMinutes(5).toNanos();
        for (Client client : users) {
            while (true) {
                try {
                    // As many entries found by meaning (one item each) as by keyword: all are embedded.
                    Matcher total = TOTAL.matcher(send(client, "/api/search?q=Bench").body());
                    long written = total.find() ? Math.min(50, Long.parseLong(total.group(1))) : Long.MAX_VALUE;
                    Matcher found = TOTAL.matcher(send(client, "/api/search?mode=semantic&size=50&q="
                            + "a good day with coffee and a long walk by the river").body());
                    if (found.find() && Long.parseLong(found.group(1)) >= written) {
                        break;
                    }
                    if (System.nanoTime() > giveUp) {
                        throw new IllegalStateException("entries of client " + client.index() + " not embedded ("
                                + written + " written)");
                    }
                    Thread.sleep(500);
                }
                catch (IllegalStateException e) {
                    throw e;
                }
                catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        System.out.printf("all entries embedded and indexed after %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private void seedSearchIndex(List<Client> users, int userCount, int perUser) throws Exception {
        seed(users, perUser);
        String es = System.getProperty("elasticsearch", "http://127.0.0.1:9200");
        String alias = System.getProperty("index", "journal_entries");
        HttpClient http = HttpClient.newHttpClient();
        String[] vocabulary = vocabulary();
        int synthetic = userCount - users.size();
        System.out.printf("indexing %d entries of %d more users straight into %s ...%n", synthetic * perUser,
                synthetic, alias);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder bulk = new StringBuilder();
        for (int u = 0; u < synthetic; u++) {
            String user = UUID.randomUUID().toString();
            for (int d = 0; d < perUser; d++) {
                StringBuilder content = new StringBuilder();
                int words = 40 + random.nextInt(160);
                for (int w = 0; w < words; w++) {
                    content.append(w == 0 ? "" : " ").append(random.nextInt(8) == 0 ? WORDS[random.nextInt(10)]
                            : vocabulary[(int) Math.min(vocabulary.length - 1, Math.abs(random.nextGaussian()) * 400)]);
                }
                String tag = WORDS[random.nextInt(10)];
                String id = UUID.randomUUID().toString();
                String date = today.minusDays(d + 1).toString();
                bulk.append("{\"index\":{\"_index\":\"").append(alias).append("\",\"_id\":\"").append(id)
                        .append("\",\"routing\":\"").append(user).append("\"}}\n");
                bulk.append("""
                        {"id":"%s","userId":"%s","date":"%s","title":"Day %d","content":"%s","mood":"%s",\
                        "tags":["%s"],"tagSuggest":{"input":["%s"],"contexts":{"userId":["%s"]}},"location":"Lisbon",\
                        "wordCount":%d,"isPrivate":false,"createdAt":"%sT20:00:00Z","updatedAt":"%sT20:00:00Z"}
                        """.formatted(id, user, date, d, content, MOODS[random.nextInt(6)], tag, tag, user, words,
                        date, date));
            }
            if ((u + 1) % 20 == 0 || u == synthetic - 1) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(es + "/_bulk"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || response.body().contains("\"errors\":true")) {
                    throw new IllegalStateException("bulk: " + response.statusCode() + " "
                            + response.body().substring(0, Math.min(500, response.body().length())));
                }
                bulk.setLength(0);
            }
        }
        http.send(HttpRequest.newBuilder(URI.create(es + "/" + alias + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(es + "/" + alias + "/_count")).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("search index now: " + count.body());
    }

    /** Made-up words with a skewed frequency, so that term statistics look like a language's. */
    private static String[] vocabulary() {
        String[] syllables = { "ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "ni", "qua", "be", "lis" };
        String[] words = new String[5_000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int n = i; word.length() < 3 || n > 0; n /= syllables.length) {
                word.append(syllables[n % syllables.length]);
            }
            words[i] = word.toString();
        }
        return words;
    }

    private static String entryJson(LocalDate date, String word) {
        String mood = MOODS[ThreadLocalRandom.current().nextInt(MOODS.length)];
        return """
                {"date":"%s","title":"Bench %s","content":"Today %s was on my mind. It was a good day, with \
                some coffee and a long walk by the river.","mood":"%s","tags":["bench","%s"],
                "location":"Lisbon","weather":"Sunny","isPrivate":false}"""
                .formatted(date, word, word, mood, WORDS[ThreadLocalRandom.current().nextInt(10)]);
    }

    private List<Client> signUpAll(int count) throws InterruptedException {
        List<Client> users = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            int n = i;
            Thread.ofVirtual().start(() -> {
                try {
                    users.add(signUp(n));
                }
                catch (Exception e) {
                    System.err.println("sign-up " + n + ": " + e.getMessage());
                }
                finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (users.size() < count) {
            throw new IllegalStateException((count - users.size()) + " users could not sign up");
        }
        users.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return users;
    }

    private Client signUp(int index) throws Exception {
        int address = nextAddress.getAndIncrement();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName("127.0.1." + (address % 250 + 1)))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        Client anonymous = new Client(http, null, index, new AtomicInteger());
        String email = "stack-bench-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = post(anonymous, "/api/auth/register", """
                {"email":"%s","password":"%s","displayName":"Bench %d","timezone":"UTC","language":"en",
                 "consent":{"termsVersion":"v1","privacyPolicyVersion":"v1","dataProcessing":true,"marketing":false}}
                """.formatted(email, PASSWORD, index));
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("register: " + registered.statusCode() + " " + registered.body());
        }
        HttpResponse<String> login = post(anonymous, "/api/auth/login",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        Matcher m = TOKEN.matcher(login.body());
        if (login.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login: " + login.statusCode() + " " + login.body());
        }
        return new Client(http, m.group(1), index, new AtomicInteger());
    }

    private int get(Client client, String path) {
        try {
            return send(client, path).statusCode();
        }
        catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> send(Client client, String path) throws Exception {
        return send(client, HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(Client client, String path, String json) throws Exception {
        return send(client, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(Client client, HttpRequest.Builder request) throws Exception {
        request.timeout(Duration.ofSeconds(30)).header("User-Agent", "StackBenchmark");
        if (client.token() != null) {
            request.header("Authorization", "Bearer " + client.token());
        }
        return client.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        String[] parts = path.split("\\?", 2);
        if (parts.length == 1) {
            return URI.create(base + path);
        }
        StringBuilder query = new StringBuilder();
        for (String pair : parts[1].split("&")) {
            String[] kv = pair.split("=", 2);
            query.append(query.isEmpty() ? "" : "&").append(kv[0]).append('=')
                    .append(URLEncoder.encode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return URI.create(base + parts[0] + "?" + query);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

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

    // ---- CPU per process -------------------------------------------------------------------------------------

    /** A process of the stack, named by what it is; PostgreSQL backends and ES's launcher share a group. */
    record ProcessInfo(int pid, String group, long ticks, long rssKb) {
    }

    /**
     * Starts a virtual thread that samples every process's CPU ticks at {@code from} and at {@code to}; the two
     * samples are in the array's slots 0 and 1 once {@code to} has passed.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Long>[] cpuAt(long from, long to) {
        Map<String, Long>[] samples = new Map[2];
        Thread sampler = Thread.ofVirtual().start(() -> {
            try {
                sleepUntil(from);
                samples[0] = ticksByPid();
                sleepUntil(to);
                samples[1] = ticksByPid();
            }
            catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        samplers.put(samples, sampler);
        return samples;
    }

    private static final Map<Object, Thread> samplers = new ConcurrentHashMap<>();

    private static Map<String, Double> cpuDelta(Map<String, Long>[] samples) throws InterruptedException {
        samplers.remove(samples).join();
        Map<String, Double> byGroup = new TreeMap<>();
        for (Map.Entry<String, Long> after : samples[1].entrySet()) {
            long before = samples[0].getOrDefault(after.getKey(), 0L); // a process born meanwhile counts whole
            String group = after.getKey().substring(after.getKey().indexOf(' ') + 1);
            byGroup.merge(group, (after.getValue() - before) * TICK_NANOS / 1e6, Double::sum);
        }
        return byGroup;
    }

    private static Map<String, Long> ticksByPid() throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (ProcessInfo p : processes()) {
            ticks.put(p.pid() + " " + p.group(), p.ticks());
        }
        ticks.put("0 load generator", selfTicks());
        return ticks;
    }

    private static long selfTicks() throws IOException {
        return ticksOf(Files.readString(Path.of("/proc/self/stat")));
    }

    static List<ProcessInfo> processes() throws IOException {
        List<ProcessInfo> found = new ArrayList<>();
        int self = (int) ProcessHandle.current().pid();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                int pid = Integer.parseInt(dir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                try {
                    String cmdline = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                    String group = groupOf(cmdline);
                    if (group != null) {
                        found.add(new ProcessInfo(pid, group, ticksOf(Files.readString(dir.resolve("stat"))),
                                rssKb(Files.readAllLines(dir.resolve("status")))));
                    }
                }
                catch (IOException e) {
                    // gone between the listing and the read: its CPU since the last sample is lost (small)
                }
            }
        }
        return found;
    }

    private static final Pattern SERVICE_JAR = Pattern.compile("/([a-z-]+?)(-\\d+)?\\.jar( |$)");

    static String groupOf(String cmdline) {
        if (cmdline.contains("-Dmindflow.role=supervisor")) {
            return "kafka+mongodb+mail JVM";
        }
        if (cmdline.contains("s3proxy")) {
            return "s3proxy";
        }
        if (cmdline.contains("org.elasticsearch")) {
            return "elasticsearch";
        }
        if (cmdline.startsWith("postgres") || cmdline.contains("embedded-pg") && cmdline.contains("postgres")) {
            return "postgresql";
        }
        if (cmdline.contains("redis-server")) {
            return "redis";
        }
        Matcher jar = SERVICE_JAR.matcher(cmdline);
        while (jar.find()) {
            String name = jar.group(1);
            if (name.endsWith("-service") || name.equals("api-gateway")) {
                return name;
            }
        }
        return null;
    }

    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    }

    private static long rssKb(List<String> status) {
        return status.stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    // ---- output ----------------------------------------------------------------------------------------------

    private void report(String name, Outcome o) {
        int ops = o.sortedNanos().length;
        System.out.printf("%n== %s, %d clients: %.1f ops/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, "
                + "errors %d %s%n", name, clients, ops / o.seconds(), pct(o.sortedNanos(), .5),
                pct(o.sortedNanos(), .9), pct(o.sortedNanos(), .99), pct(o.sortedNanos(), 1), o.errorCount(),
                o.errors().isEmpty() ? "" : o.errors());
        System.out.println("   CPU per operation, ms:");
        cpuLines(o.cpuMillis(), Math.max(1, ops));
    }

    private static void cpuLines(Map<String, Double> cpuMillis, int ops) {
        double total = 0;
        List<Map.Entry<String, Double>> rows = new ArrayList<>(cpuMillis.entrySet());
        rows.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (Map.Entry<String, Double> row : rows) {
            if (row.getKey().equals("load generator")) {
                continue;
            }
            total += row.getValue();
            System.out.printf("   %-28s %8.3f%n", row.getKey(), row.getValue() / ops);
        }
        System.out.printf("   %-28s %8.3f%n", "TOTAL (stack)", total / ops);
        System.out.printf("   %-28s %8.3f%n", "(load generator)", cpuMillis.getOrDefault("load generator", 0.0) / ops);
    }

    private static void line(String name, long[] sorted) {
        System.out.printf("   %-24s n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", name, sorted.length,
                pct(sorted, .5), pct(sorted, .99), pct(sorted, 1));
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

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i && !args[i].isBlank() ? args[i] : fallback;
    }
}
