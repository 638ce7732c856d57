package com.mindflow.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How tests reach the real local servers, as reported by local-stack ({@code .mindflow/run/servers.properties}).
 *
 * @param databases the three MindFlow databases; {@link #jdbcUrl(String)} builds a URL for any of them
 */
public record Servers(
        String postgresHost, int postgresPort, String dbUser, String dbPassword, List<String> databases,
        String redisHost, int redisPort,
        String kafkaBootstrapServers,
        String elasticsearchUrl,
        String mongoHost, int mongoPort, String mongoDatabase,
        String s3Endpoint, String s3AccessKey, String s3SecretKey, String s3Bucket, String s3Region,
        String mailHost, int smtpPort, int imapPort) {

    public static final String WRITE_DB = "mindflow_write";
    public static final String READ_DB = "mindflow_read";
    public static final String ANALYTICS_DB = "mindflow_analytics";

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String mongoUri() {
        return "mongodb://" + mongoHost + ":" + mongoPort;
    }

    public String mongoUri(String database) {
        return mongoUri() + "/" + database;
    }

    /**
     * Spring Boot 4 properties for every server except the datasource, for {@code @DynamicPropertySource}:
     * {@code LocalStack.servers().springProperties().forEach((k, v) -> registry.add(k, () -> v));}
     * S3 has no Spring Boot properties; its keys are MindFlow's own {@code mindflow.s3.*}.
     */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.data.redis.host", redisHost);
        p.put("spring.data.redis.port", Integer.toString(redisPort));
        p.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        p.put("spring.elasticsearch.uris", elasticsearchUrl);
        p.put("spring.mongodb.uri", mongoUri(mongoDatabase));
        p.put("spring.mongodb.database", mongoDatabase);
        p.put("spring.mail.host", mailHost);
        p.put("spring.mail.port", Integer.toString(smtpPort));
        p.put("mindflow.s3.endpoint", s3Endpoint);
        p.put("mindflow.s3.access-key", s3AccessKey);
        p.put("mindflow.s3.secret-key", s3SecretKey);
        p.put("mindflow.s3.bucket", s3Bucket);
        p.put("mindflow.s3.region", s3Region);
        p.put("mindflow.s3.path-style-access", "true");
        return p;
    }

    /** {@link #springProperties()} plus {@code spring.datasource.*} pointing at {@code database}, e.g. {@link #WRITE_DB}. */
    public Map<String, String> springProperties(String database) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", jdbcUrl(database));
        p.put("spring.datasource.username", dbUser);
        p.put("spring.datasource.password", dbPassword);
        p.putAll(springProperties());
        return p;
    }

    /** Reads what local-stack wrote; servers missing from it (e.g. Elasticsearch not built yet) get conventional ports. */
    static Servers from(Properties p) {
        return new Servers(
                p.getProperty("postgresql.host", "localhost"),
                integer(p, "postgresql.port", 5432),
                p.getProperty("postgresql.username", "mindflow"),
                p.getProperty("postgresql.password", "mindflow"),
                List.of(p.getProperty("postgresql.databases", WRITE_DB + "," + READ_DB + "," + ANALYTICS_DB).split(",")),
                p.getProperty("redis.host", "localhost"),
                integer(p, "redis.port", 6379),
                p.getProperty("kafka.bootstrap-servers", "127.0.0.1:9092"),
                p.getProperty("elasticsearch.url", "http://localhost:9200"),
                "localhost",
                java.net.URI.create(p.getProperty("mongodb.uri", "mongodb://localhost:27017")).getPort(),
                p.getProperty("mongodb.database", "mindflow_logs"),
                p.getProperty("s3.endpoint", "http://localhost:9000"),
                p.getProperty("s3.access-key", "mindflow"),
                p.getProperty("s3.secret-key", "mindflow-secret"),
                p.getProperty("s3.bucket", "mindflow-attachments"),
                p.getProperty("s3.region", "us-east-1"),
                p.getProperty("mail.host", "localhost"),
                integer(p, "mail.smtp-port", 2525),
                integer(p, "mail.imap-port", 2143));
    }

    private static int integer(Properties p, String key, int fallback) {
        String value = p.getProperty(key);
        return value == null ? fallback : Integer.parseInt(value.trim());
    }
}
