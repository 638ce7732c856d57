package com.mindflow.system.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bson.Document;

import com.mindflow.testsupport.Servers;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.json.JsonMapper;

/**
 * Searches every store, whole, for strings (case-insensitive): every row of every table of the three PostgreSQL
 * databases as text, every Elasticsearch index, every MongoDB collection, every Redis key and value, and every
 * object in the S3 bucket (names and bytes). What an erasure must have removed is looked for where it could be,
 * not where the code is known to put it. Kafka cannot delete one user's records; {@link #topicsOverRetention} checks
 * instead that every MindFlow topic drops its records within the documented bound.
 */
public final class StoreSweep implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    private final Servers servers;
    private final MongoClient mongo;
    private final JedisPooled redis;
    private final S3Client s3;
    private final HttpClient http = HttpClient.newHttpClient();

    public StoreSweep(Servers servers) {
        this.servers = servers;
        this.mongo = MongoClients.create(servers.mongoUri());
        this.redis = new JedisPooled(servers.redisHost(), servers.redisPort());
        this.s3 = S3Client.builder()
                .endpointOverride(URI.create(servers.s3Endpoint()))
                .region(Region.of(servers.s3Region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(servers.s3AccessKey(), servers.s3SecretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Every place where one of {@code needles} stands, as "store: place: excerpt"; empty when there is none. */
    public List<String> find(List<String> needles) {
        List<String> lower = needles.stream().map(needle -> needle.toLowerCase(Locale.ROOT)).toList();
        List<String> found = new ArrayList<>();
        for (String database : List.of(Servers.WRITE_DB, Servers.READ_DB, Servers.ANALYTICS_DB)) {
            found.addAll(postgres(database, lower));
        }
        found.addAll(elasticsearch(lower));
        found.addAll(mongo(lower));
        found.addAll(redis(lower));
        found.addAll(s3(lower));
        return found;
    }

    private List<String> postgres(String database, List<String> needles) {
        List<String> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(servers.jdbcUrl(database), servers.dbUser(),
                servers.dbPassword())) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery("""
                    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                    """)) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                // The whole row as text: every column, whatever its type, including JSONB payloads.
                try (PreparedStatement rows = db.prepareStatement("SELECT t::text FROM " + table
                        + " t WHERE strpos(lower(t::text), ?) > 0 LIMIT 3")) {
                    for (String needle : needles) {
                        rows.setString(1, needle);
                        try (ResultSet rs = rows.executeQuery()) {
                            while (rs.next()) {
                                found.add("postgresql " + database + ": " + table + ": " + excerpt(rs.getString(1),
                                        needle));
                            }
                        }
                    }
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot search " + database, e);
        }
        return found;
    }

    private List<String> elasticsearch(List<String> needles) {
        List<String> found = new ArrayList<>();
        send("POST", "/_refresh", null);
        for (String needle : needles) {
            String query = JSON.writeValueAsString(Map.of("size", 10, "query", Map.of("query_string", Map.of(
                    "query", "\"" + needle + "\"", "default_field", "*", "lenient", true))));
            JSON.readTree(send("POST", "/*/_search", query)).path("hits").path("hits").forEach(hit ->
                    found.add("elasticsearch: " + hit.path("_index").asString() + "/" + hit.path("_id").asString()));
        }
        return found;
    }

    private String send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(servers.elasticsearchUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> mongo(List<String> needles) {
        List<String> found = new ArrayList<>();
        MongoDatabase database = mongo.getDatabase(servers.mongoDatabase());
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                String json = document.toJson().toLowerCase(Locale.ROOT);
                for (String needle : needles) {
                    if (json.contains(needle)) {
                        found.add("mongodb: " + collection + ": " + excerpt(json, needle));
                    }
                }
            }
        }
        return found;
    }

    private List<String> redis(List<String> needles) {
        List<String> found = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, new ScanParams().count(1000));
            for (String key : page.getResult()) {
                String text = (key + " " + value(key)).toLowerCase(Locale.ROOT);
                for (String needle : needles) {
                    if (text.contains(needle)) {
                        found.add("redis: " + key + ": " + excerpt(text, needle));
                    }
                }
            }
            cursor = page.getCursor();
        }
        while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    private String value(String key) {
        return switch (redis.type(key)) {
            case "string" -> String.valueOf(redis.get(key));
            case "hash" -> String.valueOf(redis.hgetAll(key));
            case "set" -> String.valueOf(redis.smembers(key));
            case "list" -> String.valueOf(redis.lrange(key, 0, -1));
            case "zset" -> String.valueOf(redis.zrange(key, 0, -1));
            case "stream" -> String.valueOf(redis.xrange(key, (String) null, (String) null));
            default -> ""; // expired meanwhile
        };
    }

    private List<String> s3(List<String> needles) {
        List<String> found = new ArrayList<>();
        List<byte[]> patterns = needles.stream().map(needle -> needle.getBytes(StandardCharsets.UTF_8)).toList();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(servers.s3Bucket())).contents()) {
            String key = object.key();
            for (String needle : needles) {
                if (key.toLowerCase(Locale.ROOT).contains(needle)) {
                    found.add("s3: key " + key);
                }
            }
            if (key.endsWith("/")) {
                continue; // s3proxy's file system lists its folders too
            }
            try (InputStream in = s3.getObject(r -> r.bucket(servers.s3Bucket()).key(key))) {
                for (String needle : contained(in, needles, patterns)) {
                    found.add("s3: bytes of " + key + " hold " + needle);
                }
            }
            catch (NoSuchKeyException deletedSinceListed) {
                // Gone between the listing and the read (an erasure at work): nothing left to find there.
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /**
     * The MindFlow topics whose records may outlive {@code maxRetention} (or whose segments stay open longer than
     * {@code maxSegment}, which delays deletion by as much), with their settings; empty when all are bounded.
     */
    public Map<String, String> topicsOverRetention(Duration maxRetention, Duration maxSegment) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        Map<String, String> over = new TreeMap<>();
        try (Admin admin = Admin.create(config)) {
            Set<String> names = admin.listTopics().names().get();
            List<ConfigResource> topics = names.stream().filter(name -> name.startsWith("mindflow."))
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get();
            configs.forEach((topic, settings) -> {
                long retention = Long.parseLong(settings.get(TopicConfig.RETENTION_MS_CONFIG).value());
                long segment = Long.parseLong(settings.get(TopicConfig.SEGMENT_MS_CONFIG).value());
                String policy = settings.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                if (retention < 0 || retention > maxRetention.toMillis() || segment > maxSegment.toMillis()
                        || !policy.equals(TopicConfig.CLEANUP_POLICY_DELETE)) {
                    over.put(topic.name(), "retention.ms=" + retention + " segment.ms=" + segment
                            + " cleanup.policy=" + policy);
                }
            });
            if (topics.isEmpty()) {
                over.put("(none)", "no MindFlow topic found");
            }
        }
        return over;
    }

    /** The needles the stream holds, read in chunks (objects may be large) that overlap by a needle's length. */
    private static List<String> contained(InputStream in, List<String> needles, List<byte[]> patterns)
            throws IOException {
        int overlap = patterns.stream().mapToInt(pattern -> pattern.length).max().orElse(0);
        byte[] buffer = new byte[1 << 20];
        int kept = 0;
        List<String> found = new ArrayList<>();
        int read;
        while ((read = in.read(buffer, kept, buffer.length - kept)) > 0) {
            int length = kept + read;
            byte[] window = Arrays.copyOf(buffer, length);
            for (int i = 0; i < patterns.size(); i++) {
                if (!found.contains(needles.get(i)) && indexOfIgnoringAsciiCase(window, patterns.get(i)) >= 0) {
                    found.add(needles.get(i));
                }
            }
            kept = Math.min(overlap, length);
            System.arraycopy(buffer, length - kept, buffer, 0, kept);
        }
        return found;
    }

    private static int indexOfIgnoringAsciiCase(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (Character.toLowerCase(haystack[i + j]) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String excerpt(String text, String needle) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(needle);
        int from = Math.max(0, at - 60);
        return text.substring(from, Math.min(text.length(), at + needle.length() + 60));
    }

    @Override
    public void close() {
        mongo.close();
        redis.close();
        s3.close();
    }
}
