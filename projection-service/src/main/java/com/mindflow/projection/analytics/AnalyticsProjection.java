package com.mindflow.projection.analytics;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightWithdrawn;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.AttachmentAdded;
import com.mindflow.events.journal.AttachmentRemoved;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntrySnapshot;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.events.user.UserDataExportRequested;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserLoggedIn;
import com.mindflow.events.user.UserLoggedOut;
import com.mindflow.events.user.UserProfileUpdated;
import com.mindflow.events.user.UserSettingsUpdated;
import com.mindflow.projection.delivery.EventBatches;
import com.mindflow.projection.delivery.ProjectionLag;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.projection.rebuild.Rebuilds;

import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the analytics database: a mood event per entry with a mood (score from {@link com.mindflow.events.journal.Mood#score()}
 * until the AI's sentiment of the entry arrives on {@code mindflow.ai-insights.v1}, and again once it is withdrawn), an
 * activity event per user action, and the AI's insights ({@code journal_insights}, from the same topic). Exactly once
 * per event through the analytics {@code processed_events}. Insight views come from the request log instead
 * ({@link InsightViewProjection}).
 */
@Component
class AnalyticsProjection {

    static final String GROUP = "projection-analytics";
    static final String SINK = "analytics";

    private final AnalyticsStore store;
    private final ProjectionLag lag;
    private final JsonMapper json;
    private final Rebuilds rebuilds;
    private final ErasedUsers erasedUsers;

    AnalyticsProjection(AnalyticsStore store, ProjectionLag lag, JsonMapper json, Rebuilds rebuilds,
            ErasedUsers erasedUsers) {
        this.store = store;
        this.lag = lag;
        this.json = json;
        this.rebuilds = rebuilds;
        this.erasedUsers = erasedUsers;
    }

    /** One poll's events in one transaction ({@link EventBatches}): one commit per poll, not per event. */
    @KafkaListener(id = GROUP, groupId = GROUP, topics = {Topics.JOURNAL_ENTRIES, Topics.USERS, Topics.AI_INSIGHTS}, batch = "true",
            properties = {EventBatches.FETCH_MIN_BYTES, EventBatches.FETCH_MAX_WAIT})
    void on(List<ConsumerRecord<String, String>> records) {
        EventBatches.apply(records, this::applyInOneTransaction);
    }

    private void applyInOneTransaction(List<EventEnvelope<?>> envelopes) {
        // While an analytics rebuild runs, its replay must not overwrite what changed live meanwhile.
        rebuilds.entriesChangedLive(SINK, envelopes.stream().<UUID>mapMulti((envelope, ids) -> {
            switch (envelope.payload()) {
                case JournalEntrySnapshot entry -> ids.accept(entry.entryId());
                case JournalEntryDeleted deleted -> ids.accept(deleted.entryId());
                default -> {
                }
            }
        }).toList());
        // An event of an erased user (late: another topic, or replayed) must not bring analytics rows back.
        Set<UUID> erased = new HashSet<>(erasedUsers.erasedAmong(
                envelopes.stream().map(EventEnvelope::userId).filter(Objects::nonNull).toList()));
        store.transactions().executeWithoutResult(status -> {
            for (EventEnvelope<?> envelope : envelopes) {
                if (envelope.payload() instanceof UserDeleted deleted) {
                    erasedUsers.erased(deleted.userId(), deleted.deletedAt());
                    erased.add(deleted.userId());
                }
                else if (erased.contains(envelope.userId())) {
                    continue;
                }
                if (store.markApplied(GROUP, envelope.eventId())) {
                    apply(envelope);
                }
            }
        });
        envelopes.forEach(envelope -> lag.applied(SINK, envelope.occurredAt()));
    }

    private void apply(EventEnvelope<?> envelope) {
        switch (envelope.payload()) {
            case JournalEntrySnapshot entry -> {
                store.replaceMood(entry);
                activity(envelope, switch (entry) {
                    case JournalEntryCreated c -> "entry_created";
                    case JournalEntryRestored r -> "entry_restored";
                    default -> "entry_updated";
                }, "entryId", entry.entryId(), "version", entry.version(), "wordCount", entry.wordCount());
            }
            case JournalEntryDeleted d -> {
                store.removeMood(d.entryId());
                activity(envelope, "entry_deleted", "entryId", d.entryId(), "version", d.version());
            }
            case AttachmentAdded a -> activity(envelope, "attachment_added", "entryId", a.entryId(),
                    "attachmentId", a.attachmentId(), "mimeType", a.mimeType(), "fileSize", a.fileSize());
            case AttachmentRemoved r -> activity(envelope, "attachment_removed", "entryId", r.entryId(),
                    "attachmentId", r.attachmentId());
            case UserLoggedIn l -> activity(envelope, "login");
            case UserLoggedOut l -> activity(envelope, "logout", "reason", l.reason());
            case UserSettingsUpdated s -> activity(envelope, "settings_updated");
            case UserProfileUpdated p -> activity(envelope, "profile_updated");
            case UserConsentUpdated c -> activity(envelope, "consent_updated",
                    "dataProcessingConsent", c.consent().dataProcessingConsent(),
                    "marketingConsent", c.consent().marketingConsent());
            case UserDataExportRequested e -> activity(envelope, "export_requested", "exportId", e.exportId());
            case UserDeleted d -> store.eraseUser(d.userId());
            case JournalEntryAnalysed a -> store.sentiment(a.entryId(), a.userId(), a.entryVersion(), a.sentimentScore());
            case JournalEntryAnalysisWithdrawn w -> store.withdrawSentiment(w.entryId(), w.entryVersion());
            case UserAnalysesWithdrawn w -> {
                store.withdrawSentiments(w.userId());
                store.removeInsights(w.userId());
            }
            // A regeneration replaces the insight; an older generation arriving after a newer one changes nothing.
            case InsightGenerated i -> store.replaceInsight(i);
            case InsightWithdrawn w -> store.removeInsight(w.insightId(), w.userId());
            default -> {
            }
        }
    }

    /** Metadata holds ids and counts only: no content, no e-mail addresses. */
    private void activity(EventEnvelope<?> envelope, String type, Object... keyValues) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("eventId", envelope.eventId().toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            metadata.put((String) keyValues[i], value instanceof Number || value instanceof Boolean || value == null
                    ? value : value.toString());
        }
        store.activity(envelope.occurredAt(), envelope.userId(), type, json.writeValueAsString(metadata));
    }
}
