package com.mindflow.query.stats;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The caller's own {@code audit_logs} documents (the seed's shape), newest first; served by the seed's
 * {@code {userId: 1, timestamp: -1}} index. Update diffs ({@code metadata.changes}) stay out: the trail says what
 * happened, the entry itself says what it is now.
 */
@Component
class AuditTrail {

    static final String COLLECTION = "audit_logs";

    private final MongoTemplate mongo;

    AuditTrail(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    ActivityPage page(UUID userId, int page, int size) {
        Query query = new Query(Criteria.where("userId").is(userId.toString()))
                .with(Sort.by(Sort.Direction.DESC, "timestamp"))
                .skip((long) page * size)
                .limit(size + 1);
        query.fields().include("action", "timestamp", "metadata.entryId", "ipAddress", "userAgent", "requestId",
                "dataCategory");
        List<Document> found = mongo.find(query, Document.class, COLLECTION);
        List<ActivityEntry> items = new ArrayList<>();
        for (Document d : found.subList(0, Math.min(size, found.size()))) {
            Document metadata = d.get("metadata", Document.class);
            Object entryId = metadata == null ? null : metadata.get("entryId");
            Date timestamp = d.getDate("timestamp");
            items.add(new ActivityEntry(d.getString("action"), timestamp == null ? null : timestamp.toInstant(),
                    entryId == null ? null : entryId.toString(), d.getString("ipAddress"), d.getString("userAgent"),
                    d.getString("requestId"), d.getString("dataCategory")));
        }
        return new ActivityPage(items, page, size, found.size() > size);
    }
}
