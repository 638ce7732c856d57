package com.mindflow.system.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.bson.Document;

import com.mindflow.support.readside.AuditPseudonym;
import com.mindflow.support.readside.JournalSearchIndex;
import com.mindflow.support.readside.ReadCacheKeys;
import com.mindflow.testsupport.Servers;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import redis.clients.jedis.JedisPooled;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks straight into the read stores (read database, analytics, Elasticsearch, Redis, MongoDB) over real
 * connections — what a GDPR erasure must have emptied cannot be checked through an API that hides it anyway.
 */
public final class ReadStores implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    private final Servers servers;
    private final HttpClient http = HttpClient.newHttpClient();
    private final MongoClient mongo;
    private final JedisPooled redis;

    public ReadStores(Servers servers) {
        this.servers = servers;
        this.mongo = MongoClients.create(servers.mongoUri());
        this.redis = new JedisPooled(servers.redisHost(), servers.redisPort());
    }

    /** Waits until nothing of the user is left in any read store, then fails listing what remains, if anything. */
    public void awaitErased(UUID userId, UUID entryId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Long> left = remains(userId, entryId);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(100);
            left = remains(userId, entryId);
        }
        assertThat(left).as("what is left of user %s", userId).isEmpty();
    }

    /** Entries of the user's audit trail, which erasure keeps (legal retention). */
    public long auditEntries(UUID userId) {
        return auditEntries(userId.toString());
    }

    /**
     * Waits until the erased user's audit trail is kept only under {@link AuditPseudonym} (the history sink may lag
     * the read stores), then answers how many entries it holds.
     */
    public long awaitPseudonymisedAudit(UUID userId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while ((auditEntries(userId) > 0 || auditEntries(AuditPseudonym.of(userId)) == 0)
                && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertThat(auditEntries(userId)).as("audit entries under the real id of erased user %s", userId).isZero();
        return auditEntries(AuditPseudonym.of(userId));
    }

    /** Entries of the audit trail under {@code userId}, e.g. an erased user's pseudonym. */
    public long auditEntries(String userId) {
        return mongo.getDatabase(servers.mongoDatabase()).getCollection("audit_logs")
                .countDocuments(new Document("userId", userId));
    }

    /** Changes a read database behind the services' back: how a test damages a projection. */
    public int update(String database, String sql, Object... args) {
        return withStatement(database, sql, args, PreparedStatement::executeUpdate);
    }

    /** The first column of the first row, as text ({@code null} when there is no row). */
    public String text(String database, String sql, Object... args) {
        return withStatement(database, sql, args, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    private interface StatementWork<T> {
        T run(PreparedStatement statement) throws java.sql.SQLException;
    }

    private <T> T withStatement(String database, String sql, Object[] args, StatementWork<T> work) {
        try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(database), servers.dbUser(),
                servers.dbPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return work.run(statement);
        }
        catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Entry id → version, from the first two columns of {@code sql} (one parameter: the user id). */
    public Map<String, Long> versions(String database, String sql, UUID userId) {
        return withStatement(database, sql, new Object[] { userId }, statement -> {
            Map<String, Long> versions = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    versions.put(rows.getString(1), rows.getLong(2));
                }
            }
            return versions;
        });
    }

    /** Entry id → version of the user's search documents (the external version is the entry's). */
    public Map<String, Long> searchVersions(UUID userId) {
        send(HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl() + "/" + JournalSearchIndex.ALIAS
                + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
        String query = JSON.writeValueAsString(Map.of("size", 10_000, "version", true, "_source", false,
                "query", Map.of("term", Map.of("userId", userId.toString()))));
        String body = send(HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl() + "/"
                + JournalSearchIndex.ALIAS + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), 200);
        Map<String, Long> versions = new TreeMap<>();
        JSON.readTree(body).path("hits").path("hits")
                .forEach(hit -> versions.put(hit.get("_id").asString(), hit.get("_version").asLong()));
        return versions;
    }

    /** How many audit records of {@code action} each entry of the user has. */
    public Map<String, Long> auditedPerEntry(UUID userId, String action) {
        Map<String, Long> counts = new TreeMap<>();
        mongo.getDatabase(servers.mongoDatabase()).getCollection("audit_logs")
                .find(new Document("userId", userId.toString()).append("action", action))
                .forEach(record -> counts.merge(record.get("metadata", Document.class).getString("entryId"), 1L,
                        Long::sum));
        return counts;
    }

    /** The physical index the search alias points at. */
    public String searchIndex() {
        String body = send(HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl() + "/_alias/"
                + JournalSearchIndex.ALIAS)).GET().build(), 200);
        return JSON.readTree(body).propertyNames().iterator().next();
    }

    private Map<String, Long> remains(UUID userId, UUID entryId) {
        Map<String, Long> left = new LinkedHashMap<>();
        count(left, "read journals_view", Servers.READ_DB, "SELECT count(*) FROM journals_view WHERE user_id = ?",
                userId);
        count(left, "read user_profile_view", Servers.READ_DB,
                "SELECT count(*) FROM user_profile_view WHERE id = ?", userId);
        count(left, "read mood_calendar_cache", Servers.READ_DB,
                "SELECT count(*) FROM mood_calendar_cache WHERE user_id = ?", userId);
        count(left, "analytics mood_events", Servers.ANALYTICS_DB,
                "SELECT count(*) FROM mood_events WHERE user_id = ?", userId);
        count(left, "analytics user_activity_events", Servers.ANALYTICS_DB,
                "SELECT count(*) FROM user_activity_events WHERE user_id = ?", userId);
        long documents = searchDocuments(userId) + (searchHasEntry(userId, entryId) ? 1 : 0);
        if (documents > 0) {
            left.put("elasticsearch " + JournalSearchIndex.ALIAS, documents);
        }
        List<String> keys = new ArrayList<>(ReadCacheKeys.moodTrends(userId));
        keys.add(ReadCacheKeys.recentEntries(userId));
        keys.add(ReadCacheKeys.profile(userId));
        long cached = redis.exists(keys.toArray(String[]::new));
        if (cached > 0) {
            left.put("redis keys", cached);
        }
        return left;
    }

    private void count(Map<String, Long> left, String what, String database, String sql, UUID userId) {
        try (Connection connection = DriverManager.getConnection(servers.jdbcUrl(database), servers.dbUser(),
                servers.dbPassword());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long count = rows.getLong(1);
                if (count > 0) {
                    left.put(what, count);
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException(what, e);
        }
    }

    /** Everything the chunk index holds for the user, as Elasticsearch returns it (ids, texts and vectors). */
    public String chunksOf(UUID userId) {
        String query = JSON.writeValueAsString(Map.of("size", 500,
                "query", Map.of("term", Map.of("userId", userId.toString()))));
        return send(HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl() + "/journal_entry_chunks/_search"
                        + "?routing=" + userId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), 200);
    }

    private long searchDocuments(UUID userId) {
        String query = JSON.writeValueAsString(Map.of("query", Map.of("term", Map.of("userId", userId.toString()))));
        String body = send(HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl() + "/"
                + JournalSearchIndex.ALIAS + "/_count"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), 200);
        return JSON.readTree(body).get("count").asLong();
    }

    /** A realtime get, routed by the owner as every search document is (the mapping requires the routing). */
    private boolean searchHasEntry(UUID userId, UUID entryId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl() + "/"
                + JournalSearchIndex.ALIAS + "/_doc/" + entryId + "?routing=" + JournalSearchIndex.routing(userId)))
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (Exception e) {
            throw new IllegalStateException(request.uri().toString(), e);
        }
    }

    private String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s", request.uri(), response.body()).isEqualTo(expected);
            return response.body();
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException(request.uri().toString(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mongo.close();
        redis.close();
        http.close();
    }
}
