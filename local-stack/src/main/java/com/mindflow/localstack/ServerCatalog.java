package com.mindflow.localstack;

import com.mindflow.localstack.kafka.KafkaServer;
import com.mindflow.localstack.mail.MailServer;
import com.mindflow.localstack.mongodb.MongoDbServer;
import com.mindflow.localstack.postgres.PostgresServer;
import com.mindflow.localstack.redis.RedisServer;
import com.mindflow.localstack.s3.S3Server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every server of the stack, slowest first (they start in parallel, so the slowest should not start last).
 * {@code MINDFLOW_SERVERS=postgresql,redis} restricts the set (the restart IT runs such a partial stack).
 */
public final class ServerCatalog {

    static final String ELASTICSEARCH_CLASS = "com.mindflow.localstack.elasticsearch.ElasticsearchServer";

    private ServerCatalog() {
    }

    public static List<LocalServer> servers() {
        List<LocalServer> all = new ArrayList<>();
        elasticsearch().ifPresent(all::add);
        all.add(new PostgresServer());
        all.add(new KafkaServer());
        all.add(new S3Server());
        all.add(new MongoDbServer());
        all.add(new RedisServer());
        all.add(new MailServer());
        String only = System.getenv("MINDFLOW_SERVERS");
        if (only == null || only.isBlank()) {
            return all;
        }
        Set<String> wanted = Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet());
        return all.stream().filter(s -> wanted.contains(s.name())).toList();
    }

    /**
     * Elasticsearch is written in this module by its own engineer; it is looked up by name so this catalog builds
     * before and after that class exists. Without it the stack runs without Elasticsearch and says so.
     */
    private static java.util.Optional<LocalServer> elasticsearch() {
        try {
            Class<?> type = Class.forName(ELASTICSEARCH_CLASS);
            return java.util.Optional.of((LocalServer) type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + ELASTICSEARCH_CLASS, e);
        }
    }

    public static boolean hasElasticsearch() {
        try {
            Class.forName(ELASTICSEARCH_CLASS);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
