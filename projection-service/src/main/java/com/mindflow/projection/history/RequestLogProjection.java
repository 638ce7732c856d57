package com.mindflow.projection.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.Topics;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.ApplicationLogRecord;
import com.mindflow.events.ops.ErrorDetails;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.projection.delivery.EventBatches;
import com.mindflow.projection.delivery.ProjectionLag;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;

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

    /**
     * One poll's records in one unordered {@code insertMany} per collection (a request log sees every request, so
     * per-record round trips would cost more than the requests themselves), then one look-up of the batch's users in
     * {@code erased_users}.
     */
    // A log may lag a quarter of a second: fetches wait for 64 KB, so one insertMany takes hundreds of records.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.API_REQUESTS, Topics.APPLICATION_LOGS}, batch = "true",
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=250"})
    void on(List<ConsumerRecord<String, String>> records) {
        EventBatches.forTheWholePoll(() -> store(records));
    }

    private void store(List<ConsumerRecord<String, String>> records) {
        collections.ensureIndexes();
        List<Document> requests = new ArrayList<>();
        List<Document> errors = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (record.topic().equals(Topics.API_REQUESTS)) {
                    ApiRequestRecord request = codec.readApiRequest(record.value());
                    requests.add(document(request));
                    times.add(request.timestamp());
                }
                else {
                    ApplicationLogRecord entry = codec.readApplicationLog(record.value());
                    errors.add(document(entry));
                    times.add(entry.timestamp());
                }
            }
            catch (JacksonException | IllegalArgumentException | NullPointerException unreadable) {
                // An operational record is worth no dead letter (and a parked one would log an ERROR, i.e. a new record).
                log.warn("Dropped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), unreadable.toString());
            }
        }
        store(HistoryCollections.API_REQUESTS, requests, "userId", "requestId");
        store(HistoryCollections.APPLICATION_LOGS, errors, "context.userId", "_id");
        times.forEach(time -> lag.applied(SINK, time));
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

    /** Which of the users (ids as text) have a tombstone: one query for a whole batch. */
    Set<String> erasedAmong(Collection<String> users) {
        Set<String> erased = new HashSet<>();
        if (!users.isEmpty()) {
            mongo.getCollection(HistoryCollections.ERASED_USERS).find(Filters.in("_id", users))
                    .forEach(tombstone -> erased.add(tombstone.getString("_id")));
        }
        return erased;
    }

    private void store(String collection, List<Document> documents, String userField, String idField) {
        List<String> users = documents.stream().map(document -> userOf(document, userField)).filter(Objects::nonNull)
                .distinct().toList();
        // A record of a user erased earlier is never written; the check after the insert covers an erasure that
        // runs meanwhile on the audit consumer.
        Set<String> erasedBefore = erasedAmong(users);
        List<Document> kept = documents.stream()
                .filter(document -> !erasedBefore.contains(userOf(document, userField))).toList();
        if (kept.isEmpty()) {
            return;
        }
        try {
            mongo.getCollection(collection).insertMany(kept, new InsertManyOptions().ordered(false));
        }
        catch (MongoBulkWriteException partly) {
            // Duplicate keys are redeliveries the first delivery wrote; anything else is a real failure.
            if (partly.getWriteErrors().stream().anyMatch(error -> error.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
                throw partly;
            }
        }
        if (users.isEmpty()) {
            return;
        }
        Set<String> erased = erasedAmong(users);
        for (Document document : kept) {
            if (erased.contains(userOf(document, userField))) {
                mongo.getCollection(collection).deleteOne(new Document(idField, document.get(idField)));
            }
        }
    }

    private static String userOf(Document document, String userField) {
        return userField.startsWith("context.")
                ? document.get("context", Document.class).getString("userId")
                : document.getString(userField);
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
