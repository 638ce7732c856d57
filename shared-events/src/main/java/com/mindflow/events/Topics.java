package com.mindflow.events;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kafka topics MindFlow exchanges events on, one per feature.
 *
 * <p>Names are {@code mindflow.<feature>.v<N>}: the version is bumped only for a change old consumers cannot read,
 * and the new topic then runs next to the old one until every consumer has moved. Every record is keyed by the
 * user id (as a plain UUID string), so one user's events stay in one partition, in the order they were written;
 * there is no order across topics, which is why payloads carry versions consumers can guard on.
 */
public final class Topics {

    /** User lifecycle: registration, profile, settings, consent, sessions, deletion, data export. */
    public static final String USERS = "mindflow.users.v1";

    /** Journal entries and their attachments: one topic, so an entry's events and its attachments' stay in order. */
    public static final String JOURNAL_ENTRIES = "mindflow.journal-entries.v1";

    /** What the AI processing service derives: per-entry analyses and periodic insights. */
    public static final String AI_INSIGHTS = "mindflow.ai-insights.v1";

    /**
     * Operator requests to rebuild a projection sink, and the sink's request for snapshots of the write side
     * ({@link com.mindflow.events.replay.ReplayMessage}s, keyed by the rebuild id).
     */
    public static final String REBUILDS = "mindflow.projection-rebuilds.v1";

    /**
     * Snapshots of the write side's current state for a rebuild, keyed by user id, then one
     * {@link com.mindflow.events.replay.ReplayCompleted} marker per partition. Never part of the live stream.
     */
    public static final String REPLAY = "mindflow.replay.v1";

    /** Suffix of the dead-letter topic a consumer parks a record on after its retries are spent. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** What every topic name must look like. */
    public static final Pattern VERSIONED_NAME = Pattern.compile("mindflow\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*");

    // Operational records (com.mindflow.events.ops): not events, no envelope, keyed by the request id.

    /** One record per HTTP request a service served ({@link com.mindflow.events.ops.ApiRequestRecord}). */
    public static final String API_REQUESTS = "mindflow.api-requests.v1";

    /** One record per ERROR log event of a service ({@link com.mindflow.events.ops.ApplicationLogRecord}). */
    public static final String APPLICATION_LOGS = "mindflow.application-logs.v1";

    private Topics() {
    }

    public static List<String> all() {
        return List.of(USERS, JOURNAL_ENTRIES, AI_INSIGHTS, REBUILDS, REPLAY);
    }

    /** The topics of operational records: fire-and-forget, not part of {@link #all()}'s event topics. */
    public static List<String> operational() {
        return List.of(API_REQUESTS, APPLICATION_LOGS);
    }

    /** The dead-letter topic of {@code topic}, e.g. {@code mindflow.users.v1.dlt}; shared by all its consumers. */
    public static String deadLetter(String topic) {
        if (!VERSIONED_NAME.matcher(topic).matches()) {
            throw new IllegalArgumentException("Not a MindFlow topic: " + topic);
        }
        return topic + DEAD_LETTER_SUFFIX;
    }
}
