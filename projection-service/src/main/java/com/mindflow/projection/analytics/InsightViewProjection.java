package com.mindflow.projection.analytics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.mindflow.events.Topics;
import com.mindflow.events.ops.ApiRequestRecord;
import com.mindflow.events.ops.OpsCodec;
import com.mindflow.projection.delivery.EventBatches;
import com.mindflow.projection.delivery.ProjectionLag;
import com.mindflow.projection.erasure.ErasedUsers;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code user_activity_events} of type {@code insight_viewed}: a user read one insight. No event says so (a read
 * changes nothing), but every client request is in the request log, so a successful {@code GET /api/insights/<id>}
 * of a signed-in user is the view. Its own group: the request log carries every request, which must not hold up the
 * analytics sink's journal events, and its records are no event envelopes.
 *
 * <p>Exactly once per request through the analytics {@code processed_events}, keyed by the record's
 * {@code requestId} (a UUID; any other id by a name-based UUID of it), so a redelivery, or the same record twice,
 * counts once.
 */
@Component
class InsightViewProjection {

    static final String GROUP = "projection-analytics-insight-views";
    static final String SINK = "insight-views";

    /** Exactly one insight by its canonical id: not the list, not a sub-resource such as {@code /feedback}. */
    private static final Pattern ONE_INSIGHT = Pattern.compile(
            "/api/insights/(\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12})");
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private static final Logger log = LoggerFactory.getLogger(InsightViewProjection.class);

    private final AnalyticsStore store;
    private final ErasedUsers erasedUsers;
    private final ProjectionLag lag;
    private final JsonMapper json;
    private final OpsCodec codec = new OpsCodec();

    InsightViewProjection(AnalyticsStore store, ErasedUsers erasedUsers, ProjectionLag lag, JsonMapper json) {
        this.store = store;
        this.erasedUsers = erasedUsers;
        this.lag = lag;
        this.json = json;
    }

    /** A view of the poll's records; fetches wait for 64 KB as the request log's do (nearly all records are skipped). */
    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.API_REQUESTS, batch = "true",
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=250"})
    void on(List<ConsumerRecord<String, String>> records) {
        EventBatches.forTheWholePoll(() -> record(records));
    }

    /** What one view records. */
    record InsightViewed(UUID dedupeId, UUID userId, UUID insightId, ApiRequestRecord request) {
    }

    private void record(List<ConsumerRecord<String, String>> records) {
        List<InsightViewed> views = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                InsightViewed view = view(codec.readApiRequest(record.value()));
                if (view != null) {
                    views.add(view);
                }
            }
            catch (JacksonException | IllegalArgumentException | NullPointerException unreadable) {
                // As in the request log: an operational record is worth no dead letter.
                log.warn("Skipped an unreadable request record at {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), unreadable.toString());
            }
        }
        if (views.isEmpty()) {
            return;
        }
        Set<UUID> users = new HashSet<>(views.stream().map(InsightViewed::userId).toList());
        Set<UUID> erasedBefore = erasedUsers.erasedAmong(users);
        store.transactions().executeWithoutResult(status -> {
            for (InsightViewed view : views) {
                if (!erasedBefore.contains(view.userId()) && store.markApplied(GROUP, view.dedupeId())) {
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("insightId", view.insightId().toString());
                    metadata.put("requestId", view.request().requestId());
                    store.activity(view.request().timestamp(), view.userId(), "insight_viewed",
                            json.writeValueAsString(metadata));
                }
            }
        });
        // The analytics sink erases on another consumer: checked again after the commit, so either its erasure saw
        // these rows, or its tombstone (written before it deletes) is seen here.
        users.removeAll(erasedBefore);
        erasedUsers.erasedAmong(users).forEach(store::removeActivities);
        views.forEach(view -> lag.applied(SINK, view.request().timestamp()));
    }

    /** The view a request record stands for, or {@code null} when it is none. */
    static InsightViewed view(ApiRequestRecord request) {
        if (!"GET".equals(request.method()) || request.statusCode() != 200 || request.userId() == null
                || request.path() == null) {
            return null;
        }
        Matcher insight = ONE_INSIGHT.matcher(request.path());
        if (!insight.matches()) {
            return null;
        }
        return new InsightViewed(dedupeId(request.requestId()), request.userId(), UUID.fromString(insight.group(1)),
                request);
    }

    /** The request's id as the processed-event id: itself when it is a UUID, else a UUID derived from it. */
    static UUID dedupeId(String requestId) {
        return CANONICAL_UUID.matcher(requestId).matches() ? UUID.fromString(requestId)
                : UUID.nameUUIDFromBytes(("insight_viewed:" + requestId).getBytes(StandardCharsets.UTF_8));
    }
}
