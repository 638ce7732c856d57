package com.mindflow.support.health;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import com.mongodb.client.MongoClient;

/**
 * MongoDB is up when it answers {@code ping}. Replaces Boot's indicator, whose {@code hello} command the local
 * stack's MongoDB-protocol server (mongo-java-server) does not know; {@code ping} works on both.
 */
public class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient client;

    public MongoHealthIndicator(MongoClient client) {
        super("MongoDB health check failed");
        this.client = client;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = client.getDatabase("admin").runCommand(new Document("ping", 1));
        Object ok = answer.get("ok");
        if (ok instanceof Number number && number.doubleValue() == 1.0) {
            builder.up();
        }
        else {
            builder.down().withDetail("ok", String.valueOf(ok));
        }
    }
}
