package com.mindflow.projection.history;

import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.Topics;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ApplicationLogRecord;
import com.mindflow.events.ops.ErrorDetails;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.projection.delivery.ProjectionLag;

import tools.jackson.core.JacksonException;

/**
 * {@code api_requests} and {@code application_logs}, from the operational records every servlet service sends
 * (service-support's request log). Idempotent: {@code api_requests.requestId} is unique and an application log's id
 * is its {@code _id}, so a redelivery hits a duplicate key and changes nothing.
 *
 * <p>Both hold a user id and an IP address, so {@link #erase(UUID)} deletes a user's records on {@code UserDeleted} and
 * remembers the user in {@code erased_users}: a record that arrives later (the deletion request's own record usually
 * does: it is sent when the answer is, the event only after the commit and through another topic) is deleted right
 * after it was written. Checking after the insert, not before, leaves no window: either the check sees the
 * tombstone, or the erasure (which writes the tombstone first) sees the record.
 */
@Component
class RequestLogProjection {

    static final String GROUP = "projection-request-log";
    static final String SINK = "request-log";

    private static final Logger log = LoggerFactory.getLogger(RequestLogProjection.class);

    private final MongoTemplate mongo;
    private final HistoryCollections collections;
    private final ProjectionLag lag;
    private final OpsCodec codec = new OpsCodec();

    RequestLogProjection(MongoTemplate mongo, HistoryCollections collections, ProjectionLag lag) {
        this.mongo = mongo;
        this.collections = collections;
        this.lag = lag;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.API_REQUESTS, Topics.APPLICATION_LOGS})
    void on(ConsumerRecord<String, String> record) {
        collections.ensureIndexes();
        try {
            if (record.topic().equals(Topics.API_REQUESTS)) {
                ApiRequestRecord request = codec.readApiRequest(record.value());
                store(HistoryCollections.API_REQUESTS, document(request), request.userId(), "requestId",
                        request.requestId());
                lag.applied(SINK, request.timestamp());
            }
            else {
                ApplicationLogRecord entry = codec.readApplicationLog(record.value());
                store(HistoryCollections.APPLICATION_LOGS, document(entry), entry.context().userId(), "_id",
                        entry.id().toString());
                lag.applied(SINK, entry.timestamp());
            }
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException unreadable) {
            // An operational record is worth no dead letter (and a parked one would log an ERROR, i.e. a new record).
            log.warn("Dropped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), unreadable.toString());
        }
    }

    /** Deletes what the request and error logs hold about the user, now and when it arrives later. */
    void erase(UUID userId) {
        collections.ensureIndexes();
        String user = userId.toString();
        mongo.getCollection(HistoryCollections.ERASED_USERS).replaceOne(new Document("_id", user),
                new Document("_id", user).append("erasedAt", new Date()),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
        mongo.getCollection(HistoryCollections.API_REQUESTS).deleteMany(new Document("userId", user));
        mongo.getCollection(HistoryCollections.APPLICATION_LOGS).deleteMany(new Document("context.userId", user));
    }

    private void store(String collection, Document document, UUID userId, String idField, String id) {
        try {
            mongo.insert(document, collection);
        }
        catch (DuplicateKeyException alreadyStored) {
            // A redelivery: the first delivery wrote it.
        }
        if (userId != null && mongo.getCollection(HistoryCollections.ERASED_USERS)
                .countDocuments(new Document("_id", userId.toString())) > 0) {
            mongo.getCollection(collection).deleteOne(new Document(idField, id));
        }
    }

    private static Document document(ApiRequestRecord request) {
        return new Document()
                .append("timestamp", Date.from(request.timestamp()))
                .append("requestId", request.requestId())
                .append("correlationId", request.correlationId())
                .append("service", request.service())
                .append("method", request.method())
                .append("path", request.path())
                .append("route", request.route())
                .append("query", fields(request.query()))
                .append("headers", fields(request.headers()))
                .append("statusCode", request.statusCode())
                .append("responseTime", request.responseTime())
                .append("responseSize", request.responseSize())
                .append("userId", request.userId() == null ? null : request.userId().toString())
                .append("ipAddress", request.ipAddress())
                .append("error", error(request.error()));
    }

    private static Document document(ApplicationLogRecord entry) {
        ApplicationLogRecord.Context context = entry.context();
        return new Document()
                .append("_id", entry.id().toString())
                .append("timestamp", Date.from(entry.timestamp()))
                .append("level", entry.level())
                .append("service", entry.service())
                .append("message", entry.message())
                .append("context", new Document()
                        .append("userId", context.userId() == null ? null : context.userId().toString())
                        .append("requestId", context.requestId())
                        .append("correlationId", context.correlationId())
                        .append("logger", context.logger())
                        .append("function", context.function())
                        .append("line", context.line()))
                .append("error", error(entry.error()))
                .append("pod", entry.pod());
    }

    private static Document error(ErrorDetails error) {
        if (error == null) {
            return null;
        }
        Document document = new Document("name", error.name()).append("message", error.message());
        return error.stack() == null ? document : document.append("stack", error.stack());
    }

    /** Names as MongoDB field names: no dots, no leading {@code $} (a query parameter may have either). */
    private static Document fields(Map<String, String> values) {
        Document document = new Document();
        values.forEach((name, value) -> document.append(name.replace('.', '_').replaceFirst("^\\$", "_"), value));
        return document;
    }
}
