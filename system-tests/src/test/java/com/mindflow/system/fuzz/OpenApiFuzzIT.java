package com.mindflow.system.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.Servers;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

/**
 * Generated input against the whole stack: every route of every service, taken from the services' own OpenAPI
 * documents (read with swagger-parser, references resolved), is called through the gateway with generated path
 * variables, query parameters and bodies — valid ones, wrong types, huge values, unicode edge cases, missing and
 * extra fields, broken JSON, no token. No answer may be a 5xx, and a refused request (4xx) may change no row of the
 * caller's in the write database. Four writers, each its own account and loopback address, make
 * {@value #REQUESTS_PER_WRITER} requests each; the seed is printed so a failure can be replayed.
 */
class OpenApiFuzzIT {

    static final int WRITERS = 4;
    static final int REQUESTS_PER_WRITER = 2_600;
    /** The seed of the run that found the last 5xx (a 3 MB sign-up answered 503), green since its fix. */
    static final long DEFAULT_SEED = 8_553_904_521_326L;

    /** Routes whose success ends the caller's session or account: the fuzzer would lock itself out. */
    private static final List<String> SELF_DESTRUCTIVE = List.of("DELETE /api/me", "POST /api/auth/logout",
            "POST /api/auth/logout-all", "DELETE /api/auth/sessions", "DELETE /api/auth/sessions/{sessionId}",
            "DELETE /api/auth/sessions/{id}");

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String gateway;
    private static List<Route> routes;

    record Route(String method, String path, Operation operation) {

        String name() {
            return method + " " + path;
        }
    }

    record Outcome(String request, int status, String body) {
    }

    @BeforeAll
    static void readTheServicesOwnDocuments() throws Exception {
        gateway = LocalStack.services();
        List<Route> found = new ArrayList<>();
        for (int port : new int[] { 8081, 8082, 8083, 8084, 8085 }) {
            String json = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body();
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            options.setResolveFully(true);
            OpenAPI api = new OpenAPIV3Parser().readContents(json, null, options).getOpenAPI();
            assertThat(api).as("the OpenAPI document of port %d", port).isNotNull();
            if (api.getPaths() == null) {
                continue;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Route route = new Route(method.name(), path, operation);
                if (path.startsWith("/api/") && !SELF_DESTRUCTIVE.contains(route.name())) {
                    found.add(route);
                }
            }));
        }
        routes = found.stream().distinct().toList();
        assertThat(routes).as("routes from the services' OpenAPI documents").hasSizeGreaterThan(20);
    }

    @Test
    void noGeneratedRequestGetsA5xxOrChangesARowWhenRefused() throws Exception {
        // A fixed seed by default, so CI is repeatable; -Dmindflow.fuzz.seed=<n> (or "random") explores further.
        String chosen = System.getProperty("mindflow.fuzz.seed", Long.toString(DEFAULT_SEED));
        long seed = chosen.equals("random") ? System.nanoTime() : Long.parseLong(chosen);
        Servers servers = LocalStack.servers();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perRoute = new ConcurrentHashMap<>();
        List<Outcome> serverErrors = Collections.synchronizedList(new ArrayList<>());
        List<Outcome> refusedButChanged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long writerSeed = seed + w;
                writers.add(pool.submit(() -> {
                    try (Connection writeDb = DriverManager.getConnection(servers.jdbcUrl(Servers.WRITE_DB),
                            servers.dbUser(), servers.dbPassword())) {
                        fuzz(writeDb, writerSeed, statuses, perRoute, serverErrors, refusedButChanged);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("Fuzzing (seed %d): %d requests over %d routes; answers by status %s%n", seed, total,
                perRoute.size(), new TreeMap<>(statuses));
        assertThat(total).isGreaterThanOrEqualTo(10_000);
        assertThat(serverErrors).as("5xx answers or none at all (seed %d)", seed).isEmpty();
        assertThat(refusedButChanged).as("refused requests that changed the caller's rows (seed %d)", seed).isEmpty();
    }

    @Test
    void aRequestLineTooLongForTheGatewayIs414() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/search?q="
                + "x".repeat(70_000))).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(414);
    }

    private static void fuzz(Connection writeDb, long writerSeed, Map<Integer, AtomicInteger> statuses,
            Map<String, AtomicInteger> perRoute, List<Outcome> serverErrors, List<Outcome> refusedButChanged)
            throws SQLException {
        MindFlowClient client = new MindFlowClient(gateway);
        client.registerAndLogin();
        String userId = client.userId();
        String entryId = client.post("/api/journals", Map.of("date", LocalDate.now(LISBON).toString(),
                "title", "Fuzzed", "content", "An entry the fuzzer may aim at", "mood", "happy",
                "tags", List.of("fuzz"))).expect(201).json().get("id").asString();
        Generator generate = new Generator(new Random(writerSeed), entryId);
        for (int i = 0; i < REQUESTS_PER_WRITER; i++) {
            Route route = routes.get(generate.random().nextInt(routes.size()));
            Generator.Request request = generate.request(route);
            String before = fingerprint(writeDb, userId);
            String described = route.method() + " " + request.pathAndQuery() + " "
                    + request.describeBody();
            Response response;
            try {
                response = client.raw(route.method(), request.pathAndQuery(), request.contentType(),
                        request.body(), request.signedIn());
            }
            catch (IllegalStateException noAnswer) {
                serverErrors.add(new Outcome(described, 0, String.valueOf(noAnswer.getCause())));
                continue;
            }
            statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
            perRoute.computeIfAbsent(route.name(), r -> new AtomicInteger()).incrementAndGet();
            if (response.status() >= 500) {
                serverErrors.add(new Outcome(described, response.status(), cut(response.body())));
            }
            else if (response.status() >= 400 && !before.equals(fingerprint(writeDb, userId))) {
                refusedButChanged.add(new Outcome(described, response.status(), cut(response.body())));
            }
        }
    }

    /**
     * Everything of the user in the write database that a request could change: account, settings, consent,
     * entries, their tags and attachments, streak.
     */
    private static String fingerprint(Connection writeDb, String userId) throws SQLException {
        UUID id = UUID.fromString(userId);
        try (PreparedStatement statement = writeDb.prepareStatement("""
                SELECT md5(concat_ws('#',
                    (SELECT string_agg(u::text, '|') FROM users u WHERE u.id = ?),
                    (SELECT string_agg(s::text, '|') FROM user_settings s WHERE s.user_id = ?),
                    (SELECT string_agg(c::text, '|' ORDER BY c.id) FROM user_gdpr_consent c WHERE c.user_id = ?),
                    (SELECT string_agg(e::text, '|' ORDER BY e.id) FROM journal_entries e WHERE e.user_id = ?),
                    (SELECT string_agg(t::text, '|' ORDER BY t.id) FROM journal_entry_tags t
                        JOIN journal_entries e ON e.id = t.journal_entry_id WHERE e.user_id = ?),
                    (SELECT string_agg(a::text, '|' ORDER BY a.id) FROM attachments a
                        JOIN journal_entries e ON e.id = a.journal_entry_id WHERE e.user_id = ?),
                    (SELECT string_agg(k::text, '|') FROM user_streaks k WHERE k.user_id = ?)))
                """)) {
            for (int i = 1; i <= 7; i++) {
                statement.setObject(i, id);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static String cut(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
