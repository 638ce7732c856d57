package com.mindflow.events;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightTheme;
import com.mindflow.events.ai.InsightType;
import com.mindflow.events.ai.InsightWithdrawn;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.ai.Sentiment;
import com.mindflow.events.journal.AttachmentAdded;
import com.mindflow.events.journal.AttachmentRemoved;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.journal.WritingStreakUpdated;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.events.user.UserDataExportCompleted;
import com.mindflow.events.user.UserDataExportRequested;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserDeletionCancelled;
import com.mindflow.events.user.UserDeletionRequested;
import com.mindflow.events.user.UserLoggedIn;
import com.mindflow.events.user.UserLoggedOut;
import com.mindflow.events.user.UserProfileUpdated;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;
import com.mindflow.events.user.UserSettingsUpdated;

/**
 * One canonical sample per registered event type: Ana, who writes about her evening on 25 October 2025. Every
 * value is fixed, so the samples serialize to the same JSON on every run; the golden files are these samples.
 */
final class EventSamples {

    static final UUID ANA = UUID.fromString("5f0c6a2e-8b1d-4c3a-9e7f-2a6b4d8c1e01");
    static final UUID ENTRY = UUID.fromString("0b7e9d4c-3f2a-4e1b-8c6d-9a5f3e2d1c02");
    static final UUID ATTACHMENT = UUID.fromString("c3d2e1f0-a9b8-4c7d-8e6f-5a4b3c2d1e03");
    static final UUID INSIGHT = UUID.fromString("e1d2c3b4-a5f6-4e7d-9c8b-7a6f5e4d3c04");
    static final UUID EXPORT = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c05");
    static final String CORRELATION = "req-7d1f3c2a";
    static final String SESSION = "sess-4b8e2f1a9c";

    static final LocalDate EVENING = LocalDate.parse("2025-10-25");
    static final Instant REGISTERED_AT = Instant.parse("2025-10-01T08:15:00Z");
    static final Instant WRITTEN_AT = Instant.parse("2025-10-25T20:30:00Z");
    static final Instant EDITED_AT = Instant.parse("2025-10-25T21:05:12.345Z");

    static final UserSettings SETTINGS = new UserSettings(true, false, true, true, false);
    static final UserConsent CONSENT = new UserConsent("v1.0", REGISTERED_AT, "v1.0", REGISTERED_AT, true, false);
    static final List<String> TAGS = List.of("work", "productivity", "stress");
    static final String CONTENT = "Today was productive but stressful. I completed three major tasks at work.";

    private static final Map<Class<?>, MindFlowEvent> PAYLOADS = Stream.<MindFlowEvent>of(
            new UserRegistered(ANA, "ana@example.com", "Ana", null, "Europe/Lisbon", "pt", "system", false,
                    SETTINGS, CONSENT, REGISTERED_AT),
            new UserProfileUpdated(ANA, "ana@example.com", "Ana Sousa", "https://cdn.example.com/ana.png",
                    "Europe/Lisbon", "en", "dark", true, Instant.parse("2025-10-02T09:00:00Z")),
            new UserSettingsUpdated(ANA, new UserSettings(true, true, true, false, true),
                    Instant.parse("2025-10-03T10:00:00Z")),
            new UserConsentUpdated(ANA, new UserConsent("v1.1", Instant.parse("2025-10-04T11:00:00Z"), "v1.0",
                    REGISTERED_AT, true, true), Instant.parse("2025-10-04T11:00:00Z")),
            new UserLoggedIn(ANA, SESSION, Instant.parse("2025-10-25T20:00:00Z")),
            new UserLoggedOut(ANA, SESSION, "logout", Instant.parse("2025-10-25T22:00:00Z")),
            new UserDeletionRequested(ANA, Instant.parse("2025-12-01T23:59:59Z"), Instant.parse("2025-12-31T23:59:59Z")),
            new UserDeletionCancelled(ANA, Instant.parse("2025-12-02T08:00:00Z")),
            new UserDeleted(ANA, Instant.parse("2025-12-31T23:59:59Z")),
            new UserDataExportRequested(ANA, EXPORT, "ana@example.com", Instant.parse("2025-12-30T10:00:00Z")),
            new UserDataExportCompleted(ANA, EXPORT, 3650, 1_073_741_824L, Instant.parse("2025-12-30T10:04:00Z"),
                    Instant.parse("2026-01-06T10:04:00Z")),

            new JournalEntryCreated(ENTRY, ANA, EVENING, "A Reflective Evening", CONTENT, Mood.NEUTRAL, TAGS,
                    "Home Office", "Rainy, 14°C", 13, 4, false, 1, WRITTEN_AT, WRITTEN_AT),
            new JournalEntryUpdated(ENTRY, ANA, EVENING, "A Reflective Evening", CONTENT + " Then I rested.",
                    Mood.HAPPY, List.of("work", "rest"), null, null, 16, 5, true, 2, WRITTEN_AT, EDITED_AT),
            new JournalEntryDeleted(ENTRY, ANA, EVENING, 5, Instant.parse("2025-10-26T07:00:00Z")),
            new JournalEntryRestored(ENTRY, ANA, EVENING, "A Reflective Evening", CONTENT, null, List.of(),
                    "Home Office", null, 13, 4, false, 6, WRITTEN_AT, Instant.parse("2025-10-26T07:30:00Z")),
            new AttachmentAdded(ATTACHMENT, ENTRY, ANA, "sunset.jpg", 2_457_600L, "image/jpeg",
                    "users/" + ANA + "/entries/" + ENTRY + "/" + ATTACHMENT + ".jpg",
                    "users/" + ANA + "/entries/" + ENTRY + "/" + ATTACHMENT + "-thumb.jpg",
                    Instant.parse("2025-10-25T20:31:00Z"), 3),
            new AttachmentRemoved(ATTACHMENT, ENTRY, ANA, Instant.parse("2025-10-25T20:40:00Z"), 4),
            new JournalEntryReplayed(ENTRY, ANA, EVENING, "A Reflective Evening", CONTENT, Mood.NEUTRAL, TAGS,
                    "Home Office", "Rainy, 14°C", 13, 4, false, 3, WRITTEN_AT, Instant.parse("2025-10-25T20:31:00Z"),
                    null, List.of(new JournalEntryReplayed.ReplayedAttachment(ATTACHMENT, "sunset.jpg", 2_457_600L,
                            "image/jpeg", "users/" + ANA + "/entries/" + ENTRY + "/" + ATTACHMENT + ".jpg",
                            "users/" + ANA + "/entries/" + ENTRY + "/" + ATTACHMENT + "-thumb.jpg",
                            Instant.parse("2025-10-25T20:31:00Z")))),
            new WritingStreakUpdated(ANA, 3, 7, LocalDate.parse("2025-10-23"), EVENING, 42, 10_380L, WRITTEN_AT),

            new JournalEntryAnalysed(ENTRY, ANA, 2, 0.35, Sentiment.POSITIVE,
                    List.of("demanding week", "evening walk", "rest"), "en", Instant.parse("2025-10-25T21:06:00Z")),
            new JournalEntryAnalysisWithdrawn(ENTRY, ANA, 3, Instant.parse("2025-10-26T08:15:00Z")),
            new UserAnalysesWithdrawn(ANA, Instant.parse("2025-10-26T09:00:00Z")),
            new InsightGenerated(INSIGHT, ANA, InsightType.WEEKLY, LocalDate.parse("2025-10-20"),
                    LocalDate.parse("2025-10-26"), Instant.parse("2025-10-27T06:00:00Z"),
                    "A demanding week at work, balanced by evenings of rest.", 6, 1480, 246, DayOfWeek.SATURDAY,
                    6, 50.0, 33.33, 16.67, Mood.HAPPY,
                    List.of(new InsightTheme("work", 5, Sentiment.MIXED, List.of("deadline", "tasks"), List.of(ENTRY)),
                            new InsightTheme("rest", 3, Sentiment.POSITIVE, List.of("sunset", "tea"), List.of(ENTRY))),
                    List.of("Completed 7 days in a row"), List.of("Try a gratitude note on stressful days"),
                    List.of(new InsightGenerated.SourcedSentence(
                            "A demanding week at work, balanced by evenings of rest.", List.of(ENTRY)))),
            new InsightWithdrawn(INSIGHT, ANA, Instant.parse("2025-10-28T07:00:00Z")),
            new JournalEntryEmbedded(ENTRY, ANA, 2, LocalDate.parse("2025-10-25"), "all-minilm-l6-v2-q", 3,
                    List.of(new JournalEntryEmbedded.Chunk(0, "Evening walk. The sunset over the river.",
                            new float[] {0.6f, -0.8f, 0.0f})), Instant.parse("2025-10-25T21:06:01Z")))
            .collect(Collectors.toMap(Object::getClass, Function.identity()));

    private EventSamples() {
    }

    /** The canonical envelope of {@code type}, with an event id derived from its name so it never changes. */
    static EventEnvelope<?> sample(EventType type) {
        MindFlowEvent payload = PAYLOADS.get(type.payloadType());
        if (payload == null) {
            throw new IllegalStateException("No sample for " + type + ": add one to EventSamples");
        }
        UUID eventId = UUID.nameUUIDFromBytes(type.toString().getBytes(StandardCharsets.UTF_8));
        return new EventEnvelope<>(eventId, type.name(), type.version(), payload.aggregateId(), payload.userId(),
                payload.occurredAt(), CORRELATION, payload);
    }

    static <P extends MindFlowEvent> EventEnvelope<P> sample(Class<P> payloadType) {
        @SuppressWarnings("unchecked")
        EventEnvelope<P> envelope = (EventEnvelope<P>) sample(EventTypes.of(payloadType));
        return envelope;
    }
}
