package com.mindflow.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.ai.InsightWithdrawn;
import com.mindflow.events.ai.JournalEntryAnalysed;
import com.mindflow.events.ai.JournalEntryAnalysisWithdrawn;
import com.mindflow.events.ai.JournalEntryEmbedded;
import com.mindflow.events.ai.UserAnalysesWithdrawn;
import com.mindflow.events.journal.AttachmentAdded;
import com.mindflow.events.journal.AttachmentRemoved;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.JournalEntryDeleted;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.events.journal.JournalEntryRestored;
import com.mindflow.events.journal.JournalEntryUpdated;
import com.mindflow.events.journal.WritingStreakUpdated;
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
import com.mindflow.events.user.UserSettingsUpdated;

/**
 * Every event MindFlow exchanges: (name, version) on the wire ↔ payload record in Java, and its topic.
 *
 * <p>The names are written out rather than taken from the classes, so renaming a class never changes the wire. A
 * breaking change registers a new version next to the old one, with its own record; both stay readable until no
 * producer writes the old one.
 */
public final class EventTypes {

    private static final List<EventType> ALL = List.of(
            new EventType("UserRegistered", 1, Topics.USERS, UserRegistered.class),
            new EventType("UserProfileUpdated", 1, Topics.USERS, UserProfileUpdated.class),
            new EventType("UserSettingsUpdated", 1, Topics.USERS, UserSettingsUpdated.class),
            new EventType("UserConsentUpdated", 1, Topics.USERS, UserConsentUpdated.class),
            new EventType("UserLoggedIn", 1, Topics.USERS, UserLoggedIn.class),
            new EventType("UserLoggedOut", 1, Topics.USERS, UserLoggedOut.class),
            new EventType("UserDeletionRequested", 1, Topics.USERS, UserDeletionRequested.class),
            new EventType("UserDeletionCancelled", 1, Topics.USERS, UserDeletionCancelled.class),
            new EventType("UserDeleted", 1, Topics.USERS, UserDeleted.class),
            new EventType("UserDataExportRequested", 1, Topics.USERS, UserDataExportRequested.class),
            new EventType("UserDataExportCompleted", 1, Topics.USERS, UserDataExportCompleted.class),

            new EventType("JournalEntryCreated", 1, Topics.JOURNAL_ENTRIES, JournalEntryCreated.class),
            new EventType("JournalEntryUpdated", 1, Topics.JOURNAL_ENTRIES, JournalEntryUpdated.class),
            new EventType("JournalEntryDeleted", 1, Topics.JOURNAL_ENTRIES, JournalEntryDeleted.class),
            new EventType("JournalEntryRestored", 1, Topics.JOURNAL_ENTRIES, JournalEntryRestored.class),
            new EventType("AttachmentAdded", 1, Topics.JOURNAL_ENTRIES, AttachmentAdded.class),
            new EventType("AttachmentRemoved", 1, Topics.JOURNAL_ENTRIES, AttachmentRemoved.class),
            new EventType("WritingStreakUpdated", 1, Topics.JOURNAL_ENTRIES, WritingStreakUpdated.class),
            new EventType("JournalEntryReplayed", 1, Topics.REPLAY, JournalEntryReplayed.class),

            new EventType("JournalEntryAnalysed", 1, Topics.AI_INSIGHTS, JournalEntryAnalysed.class),
            new EventType("JournalEntryAnalysisWithdrawn", 1, Topics.AI_INSIGHTS, JournalEntryAnalysisWithdrawn.class),
            new EventType("UserAnalysesWithdrawn", 1, Topics.AI_INSIGHTS, UserAnalysesWithdrawn.class),
            new EventType("InsightGenerated", 1, Topics.AI_INSIGHTS, InsightGenerated.class),
            new EventType("InsightWithdrawn", 1, Topics.AI_INSIGHTS, InsightWithdrawn.class),
            new EventType("JournalEntryEmbedded", 1, Topics.AI_INSIGHTS, JournalEntryEmbedded.class));

    private record Key(String name, int version) {
    }

    private static final Map<Key, EventType> BY_NAME = new HashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new HashMap<>();

    static {
        for (EventType type : ALL) {
            if (BY_NAME.put(new Key(type.name(), type.version()), type) != null) {
                throw new IllegalStateException("Registered twice: " + type);
            }
            if (BY_CLASS.put(type.payloadType(), type) != null) {
                throw new IllegalStateException("One record, two registrations: " + type.payloadType());
            }
        }
    }

    private EventTypes() {
    }

    public static List<EventType> all() {
        return ALL;
    }

    /** The registration of a payload record; every {@link MindFlowEvent} must have one. */
    public static EventType of(Class<? extends MindFlowEvent> payloadType) {
        EventType type = BY_CLASS.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException("Not a registered event: " + payloadType.getName());
        }
        return type;
    }

    /** The registration of a type name and version as read from an envelope or a header, if this build knows it. */
    public static Optional<EventType> find(String name, int version) {
        return Optional.ofNullable(BY_NAME.get(new Key(name, version)));
    }
}
