package com.mindflow.projection.history;

import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * The seed's three log collections (and {@code erased_users}) and their indexes, created at startup (creating an existing index is a no-op).
 * A text index the server cannot build (mongo-java-server has no {@code $text}) is logged and skipped: nothing here
 * queries it.
 */
@Component
class HistoryCollections {

    static final String AUDIT_LOGS = "audit_logs";
    static final String APPLICATION_LOGS = "application_logs";
    static final String API_REQUESTS = "api_requests";
    /** Users erased on {@code UserDeleted}, so request and error logs arriving later are not kept (not in the seed). */
    static final String ERASED_USERS = "erased_users";

    private static final Logger log = LoggerFactory.getLogger(HistoryCollections.class);
    private static final long SEVEN_YEARS_SECONDS = 220_752_000L;
    private static final long THIRTY_DAYS_SECONDS = 2_592_000L;
    private static final long NINETY_DAYS_SECONDS = 7_776_000L;

    private final MongoTemplate mongo;
    private volatile boolean ready;

    HistoryCollections(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Creates the indexes once per process; called before the first write. */
    void ensureIndexes() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            MongoCollection<Document> audit = mongo.getCollection(AUDIT_LOGS);
            create(audit, Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("timestamp")), null);
            create(audit, Indexes.compoundIndex(Indexes.ascending("action"), Indexes.descending("timestamp")), null);
            create(audit, Indexes.descending("timestamp"), null);
            create(audit, Indexes.ascending("ipAddress"), null);
            create(audit, Indexes.ascending("requestId"), new IndexOptions().unique(true));
            create(audit, Indexes.ascending("correlationId"), null);
            create(audit, Indexes.ascending("timestamp"), new IndexOptions().expireAfter(SEVEN_YEARS_SECONDS, TimeUnit.SECONDS));
            create(audit, Indexes.text("searchableText"), null);

            MongoCollection<Document> application = mongo.getCollection(APPLICATION_LOGS);
            create(application, Indexes.descending("timestamp"), null);
            create(application, Indexes.compoundIndex(Indexes.ascending("level"), Indexes.descending("timestamp")), null);
            create(application, Indexes.compoundIndex(Indexes.ascending("service"), Indexes.descending("timestamp")), null);
            create(application, Indexes.ascending("context.requestId"), null);
            create(application, Indexes.compoundIndex(Indexes.ascending("context.userId"), Indexes.descending("timestamp")), null);
            create(application, Indexes.ascending("timestamp"), new IndexOptions().expireAfter(THIRTY_DAYS_SECONDS, TimeUnit.SECONDS));
            create(application, Indexes.compoundIndex(Indexes.text("message"), Indexes.text("error.message")), null);

            MongoCollection<Document> requests = mongo.getCollection(API_REQUESTS);
            create(requests, Indexes.descending("timestamp"), null);
            create(requests, Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("timestamp")), null);
            create(requests, Indexes.ascending("requestId"), new IndexOptions().unique(true));
            create(requests, Indexes.compoundIndex(Indexes.ascending("statusCode"), Indexes.descending("timestamp")), null);
            create(requests, Indexes.compoundIndex(Indexes.ascending("path"), Indexes.ascending("method"),
                    Indexes.descending("timestamp")), null);
            create(requests, Indexes.ascending("timestamp"), new IndexOptions().expireAfter(NINETY_DAYS_SECONDS, TimeUnit.SECONDS));

            // As long as a late record of an erased user could still turn up, i.e. as long as api_requests keeps any.
            create(mongo.getCollection(ERASED_USERS), Indexes.ascending("erasedAt"),
                    new IndexOptions().expireAfter(NINETY_DAYS_SECONDS, TimeUnit.SECONDS));
            ready = true;
        }
    }

    private static void create(MongoCollection<Document> collection, Bson keys, IndexOptions options) {
        try {
            if (options == null) {
                collection.createIndex(keys);
            } else {
                collection.createIndex(keys, options);
            }
        }
        catch (RuntimeException e) {
            if (keys.toBsonDocument().containsValue(new org.bson.BsonString("text"))) {
                log.warn("Text index on {} not supported by this server: {}", collection.getNamespace(), e.getMessage());
                return;
            }
            throw e;
        }
    }
}
