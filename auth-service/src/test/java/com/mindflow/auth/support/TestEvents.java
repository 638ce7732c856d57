package com.mindflow.auth.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Envelopes of other services' events as JSON, written by hand rather than through the shared-events records: a
 * consumer must read what producers send, and fields added to a payload later must not break these tests.
 */
public final class TestEvents {

    private static final JsonMapper JSON = new JsonMapper();

    private TestEvents() {
    }

    /** An {@code InsightGenerated} envelope, as ai-processing-service publishes it. */
    public static String insightGenerated(Insight insight) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("insightId", insight.id().toString());
        payload.put("userId", insight.userId().toString());
        payload.put("insightType", insight.type());
        payload.put("startDate", insight.start().toString());
        payload.put("endDate", insight.end().toString());
        payload.put("generatedAt", insight.generatedAt().toString());
        payload.put("summary", insight.summary());
        payload.put("entriesAnalyzed", insight.entries());
        payload.put("totalWords", insight.entries() * 120);
        payload.put("averageWords", 120);
        payload.put("themes", insight.themes().stream().map(name -> Map.of("name", name, "frequency", 2,
                "sentiment", "positive", "relatedWords", List.of(), "entryIds", List.of())).toList());
        payload.put("milestones", insight.milestones());
        payload.put("suggestions", insight.suggestions());
        return envelope("InsightGenerated", insight.id(), insight.userId(), insight.generatedAt(), payload);
    }

    private static String envelope(String type, UUID aggregate, UUID user, Instant at, Map<String, Object> payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("eventType", type);
        envelope.put("eventVersion", 1);
        envelope.put("aggregateId", aggregate.toString());
        envelope.put("userId", user.toString());
        envelope.put("occurredAt", at.toString());
        envelope.put("correlationId", "auth-it");
        envelope.put("payload", payload);
        return JSON.writeValueAsString(envelope);
    }

    /** What an insight event says; {@code type} is the wire name (weekly, monthly, yearly, custom). */
    public record Insight(UUID id, UUID userId, String type, LocalDate start, LocalDate end, Instant generatedAt,
            int entries, String summary, List<String> themes, List<String> milestones, List<String> suggestions) {

        /** A fresh insight of this type for the period, generated now, from 4 entries. */
        public static Insight of(UUID userId, String type, LocalDate start, LocalDate end) {
            return new Insight(UUID.randomUUID(), userId, type, start, end, Instant.now(), 4,
                    "A steady " + type + " of short evening entries.", List.of("rest"), List.of(), List.of());
        }

        public Insight withSummary(String text) {
            return new Insight(id, userId, type, start, end, generatedAt, entries, text, themes, milestones,
                    suggestions);
        }

        public Insight withEntries(int count) {
            return new Insight(id, userId, type, start, end, generatedAt, count, summary, themes, milestones,
                    suggestions);
        }

        public Insight withGeneratedAt(Instant at) {
            return new Insight(id, userId, type, start, end, at, entries, summary, themes, milestones, suggestions);
        }

        public Insight withLists(List<String> themes, List<String> milestones, List<String> suggestions) {
            return new Insight(id, userId, type, start, end, generatedAt, entries, summary, themes, milestones,
                    suggestions);
        }
    }
}
