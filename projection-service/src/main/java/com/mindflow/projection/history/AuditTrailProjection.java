package com.mindflow.projection.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.AttachmentAdded;
import com.mindflow.events.journal.AttachmentRemoved;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.events.user.UserDataExportRequested;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserDeletionCancelled;
import com.mindflow.events.user.UserDeletionRequested;
import com.mindflow.events.user.UserLoggedIn;
import com.mindflow.events.user.UserLoggedOut;
import com.mindflow.events.user.UserProfileUpdated;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettingsUpdated;
import com.mindflow.projection.delivery.EventBatches;
import com.mindflow.projection.delivery.ProjectionLag;
import com.mindflow.support.readside.AuditPseudonym;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;

/**
 * {@code audit_logs}: one document per user action, kept 7 years and through the user's erasure, so it holds ids,
 * versions and flags but never journal content. {@code requestId} (unique) is the id of the event that recorded the
 * action: unique per action even when one request does several, and stable across redeliveries, so a duplicate key
 * means "already recorded". The request's correlation id is kept in {@code correlationId}. On {@code UserDeleted}
 * the user's {@code api_requests} and {@code application_logs} are erased ({@link RequestLogProjection#erase}), and
 * the user's actions, also those recorded later, are kept only under {@link AuditPseudonym}.
 */
@Component
class AuditTrailProjection {

    static final String GROUP = "projection-history";
    static final String SINK = "history";
    private static final WriteConcern JOURNALED_MAJORITY = WriteConcern.MAJORITY.withJournal(true);

    private final MongoTemplate mongo;
    private final HistoryCollections collections;
    private final RequestLogProjection requestLogs;
    private final ProjectionLag lag;

    AuditTrailProjection(MongoTemplate mongo, HistoryCollections collections, RequestLogProjection requestLogs,
            ProjectionLag lag) {
        this.mongo = mongo;
        this.collections = collections;
        this.requestLogs = requestLogs;
        this.lag = lag;
    }

    /**
     * One poll's actions in one unordered {@code insertMany} ({@link EventBatches}): every journal write is audited,
     * so a round trip per event would cost the MongoDB server about as much as the write itself.
     */
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS}, batch = "true",
            properties = {EventBatches.FETCH_MIN_BYTES, EventBatches.FETCH_MAX_WAIT})
    void on(List<ConsumerRecord<String, String>> records) {
        EventBatches.forTheWholePoll(collections::ensureIndexes);
        EventBatches.apply(records, this::record);
    }

    private void record(List<EventEnvelope<?>> envelopes) {
        List<Document> documents = new ArrayList<>(envelopes.size());
        Set<String> users = new HashSet<>();
        for (EventEnvelope<?> envelope : envelopes) {
            if (envelope.payload() instanceof UserDeleted deleted) {
                // The audit trail stays (legal retention) under a pseudonym; the request and error logs go. The
                // tombstone is written before the documents below, so the check after them cannot miss it.
                requestLogs.erase(deleted.userId());
            }
            AuditAction action = action(envelope);
            if (action != null) {
                documents.add(document(envelope, action));
                users.add(envelope.userId().toString());
            }
        }
        if (!documents.isEmpty()) {
            try {
                // Journaled before acknowledged: the poll's offsets are committed right after, so an audit record
                // that a crash could still take away would be lost for good.
                mongo.getCollection(HistoryCollections.AUDIT_LOGS).withWriteConcern(JOURNALED_MAJORITY)
                        .insertMany(documents, new InsertManyOptions().ordered(false));
            }
            catch (MongoBulkWriteException partly) {
                // Duplicate keys are redeliveries the first delivery recorded; anything else is a real failure.
                if (partly.getWriteErrors().stream()
                        .anyMatch(error -> error.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
                    throw partly;
                }
            }
        }
        // Checked after the insert, as the request log does: an erasure handled meanwhile by another consumer
        // thread either finds these documents, or its tombstone is found here.
        requestLogs.erasedAmong(users).forEach(this::pseudonymise);
        envelopes.forEach(envelope -> lag.applied(SINK, envelope.occurredAt()));
    }

    /** Moves an erased user's actions under {@link AuditPseudonym}; idempotent (nothing is left to move twice). */
    private void pseudonymise(String userId) {
        String pseudonym = AuditPseudonym.of(UUID.fromString(userId));
        MongoCollection<Document> audit = mongo.getCollection(HistoryCollections.AUDIT_LOGS);
        List<Document> actions = audit.find(Filters.eq("userId", userId))
                .projection(Projections.include("searchableText")).into(new ArrayList<>());
        for (Document action : actions) {
            String text = action.getString("searchableText");
            audit.updateOne(Filters.eq("_id", action.get("_id")), Updates.combine(
                    Updates.set("userId", pseudonym),
                    Updates.set("searchableText", text == null ? null : text.replace(userId, pseudonym))));
        }
    }

    /** What an audited action records; {@code null} for events that are not user actions (e.g. streaks). */
    record AuditAction(String action, String dataCategory, Map<String, Object> metadata, String description) {
    }

    private static AuditAction action(EventEnvelope<?> envelope) {
        return switch (envelope.payload()) {
            // The consent given at sign-up is the first line of the user's consent history.
            case UserRegistered r -> new AuditAction("ACCOUNT_CREATE", "user_data",
                    metadata("consent", consent(r.consent())), "account created");
            case UserLoggedIn l -> new AuditAction("LOGIN", "security_event", Map.of("sessionId", l.sessionId()),
                    "user login");
            case UserLoggedOut l -> new AuditAction("LOGOUT", "security_event",
                    metadata("sessionId", l.sessionId(), "reason", l.reason()), "user logout (" + l.reason() + ")");
            case UserProfileUpdated p -> new AuditAction("PROFILE_UPDATE", "user_data", Map.of(), "profile updated");
            case UserSettingsUpdated s -> new AuditAction("SETTINGS_UPDATE", "user_data", Map.of(), "settings updated");
            case UserConsentUpdated c -> new AuditAction("GDPR_CONSENT_UPDATE", "user_data",
                    metadata("changes", Map.of("after", consent(c.consent()))),
                    "gdpr consent updated");
            case UserDataExportRequested e -> new AuditAction("DATA_EXPORT", "user_data",
                    Map.of("exportId", e.exportId().toString()), "data export requested");
            case UserDeletionRequested r -> new AuditAction("ACCOUNT_DELETE_REQUEST", "user_data",
                    Map.of("purgeAfter", r.purgeAfter().toString()), "account deletion requested");
            case UserDeletionCancelled c -> new AuditAction("ACCOUNT_DELETE_CANCEL", "user_data", Map.of(),
                    "account deletion cancelled");
            case UserDeleted d -> new AuditAction("ACCOUNT_DELETE", "user_data",
                    Map.of("reason", "User requested deletion"), "account deleted");
            case JournalEntryCreated c -> entry("ENTRY_CREATE", c.entryId(), c.version(), "journal entry created");
            case JournalEntryUpdated u -> new AuditAction("ENTRY_UPDATE", "user_data",
                    metadata("entryId", u.entryId().toString(), "changes",
                            Map.of("after", Map.of("version", u.version()))),
                    "journal entry updated");
            case JournalEntryDeleted d -> entry("ENTRY_DELETE", d.entryId(), d.version(), "journal entry deleted");
            case JournalEntryRestored r -> entry("ENTRY_RESTORE", r.entryId(), r.version(), "journal entry restored");
            case AttachmentAdded a -> new AuditAction("ATTACHMENT_ADD", "user_data",
                    metadata("entryId", a.entryId().toString(), "attachmentId", a.attachmentId().toString()),
                    "attachment added");
            case AttachmentRemoved r -> new AuditAction("ATTACHMENT_REMOVE", "user_data",
                    metadata("entryId", r.entryId().toString(), "attachmentId", r.attachmentId().toString()),
                    "attachment removed");
            default -> null;
        };
    }

    private static AuditAction entry(String action, java.util.UUID entryId, int version, String description) {
        return new AuditAction(action, "user_data", metadata("entryId", entryId.toString(), "version", version),
                description);
    }

    /** Versions and choices only: where the consent was given (address, agent) stays in auth-service's row. */
    private static Map<String, Object> consent(UserConsent consent) {
        return metadata("termsVersion", consent.termsVersion(),
                "privacyPolicyVersion", consent.privacyPolicyVersion(),
                "dataProcessingConsent", consent.dataProcessingConsent(),
                "marketingConsent", consent.marketingConsent());
    }

    private static Map<String, Object> metadata(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Document document(EventEnvelope<?> envelope, AuditAction action) {
        return new Document()
                .append("userId", envelope.userId().toString())
                .append("action", action.action())
                .append("timestamp", Date.from(envelope.occurredAt()))
                .append("metadata", new Document(action.metadata()))
                // Events never carry a client's address or agent (see the user events' contract).
                .append("ipAddress", null)
                .append("userAgent", null)
                .append("requestId", envelope.eventId().toString())
                .append("correlationId", envelope.correlationId())
                .append("dataCategory", action.dataCategory())
                .append("retentionPolicy", "7_years")
                .append("searchableText", action.description() + " by " + envelope.userId());
    }
}
