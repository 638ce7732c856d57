package com.mindflow.projection.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.MindFlowEvent;
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
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserLoggedIn;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;

/** Realistic events of one user, as the write side would publish them. */
public final class Events {

    private final UUID userId = UUID.randomUUID();

    public UUID userId() {
        return userId;
    }

    public static <P extends MindFlowEvent> EventEnvelope<P> envelope(P payload) {
        return EventEnvelope.of(payload, "test-" + UUID.randomUUID());
    }

    public EventEnvelope<UserRegistered> registered(String name) {
        Instant now = Instant.now();
        return envelope(new UserRegistered(userId, userId + "@example.com", name, null, "Europe/Lisbon", "en",
                "system", true, new UserSettings(true, false, true, false, true),
                new UserConsent("v1.0", now, "v1.0", now, true, false), now));
    }

    public EventEnvelope<JournalEntryCreated> created(UUID entryId, LocalDate date, String title, String content,
            Mood mood, List<String> tags) {
        Instant now = Instant.now();
        return envelope(new JournalEntryCreated(entryId, userId, date, title, content, mood, tags, "Home Office",
                null, words(content), 60, false, 1, now, now));
    }

    public EventEnvelope<JournalEntryUpdated> updated(UUID entryId, LocalDate date, String title, String content,
            Mood mood, List<String> tags, int version) {
        Instant now = Instant.now();
        return envelope(new JournalEntryUpdated(entryId, userId, date, title, content, mood, tags, "Home Office",
                null, words(content), 60, false, version, now.minusSeconds(60), now));
    }

    /** The entry as the write side replays it for a rebuild ({@code deletedAt} null for a live entry). */
    public EventEnvelope<JournalEntryReplayed> replayed(UUID entryId, LocalDate date, String title, int version,
            Instant deletedAt, JournalEntryReplayed.ReplayedAttachment... attachments) {
        return replayed(entryId, date, title, Mood.HAPPY, version, deletedAt, attachments);
    }

    public EventEnvelope<JournalEntryReplayed> replayed(UUID entryId, LocalDate date, String title, Mood mood,
            int version, Instant deletedAt, JournalEntryReplayed.ReplayedAttachment... attachments) {
        Instant now = Instant.now();
        return envelope(new JournalEntryReplayed(entryId, userId, date, title, title + " in words", mood,
                List.of("rebuilt"), null, null, 3, 60, false, version, now.minusSeconds(3600), now, deletedAt,
                List.of(attachments)));
    }

    public EventEnvelope<JournalEntryDeleted> deleted(UUID entryId, LocalDate date, int version) {
        return envelope(new JournalEntryDeleted(entryId, userId, date, version, Instant.now()));
    }

    public EventEnvelope<JournalEntryRestored> restored(UUID entryId, LocalDate date, String title, String content,
            Mood mood, List<String> tags, int version) {
        Instant now = Instant.now();
        return envelope(new JournalEntryRestored(entryId, userId, date, title, content, mood, tags, "Home Office",
                null, words(content), 60, false, version, now.minusSeconds(60), now));
    }

    public EventEnvelope<AttachmentAdded> attachmentAdded(UUID entryId, UUID attachmentId, int entryVersion) {
        return envelope(new AttachmentAdded(attachmentId, entryId, userId, "photo.png", 2048, "image/png",
                "users/" + userId + "/" + attachmentId, "users/" + userId + "/" + attachmentId + "-thumb",
                Instant.now(), entryVersion));
    }

    public EventEnvelope<AttachmentRemoved> attachmentRemoved(UUID entryId, UUID attachmentId, int entryVersion) {
        return envelope(new AttachmentRemoved(attachmentId, entryId, userId, Instant.now(), entryVersion));
    }

    public EventEnvelope<WritingStreakUpdated> streak(int current, int longest, int entries, long words) {
        return envelope(new WritingStreakUpdated(userId, current, longest, LocalDate.now().minusDays(current - 1L),
                LocalDate.now(), entries, words, Instant.now()));
    }

    public EventEnvelope<UserLoggedIn> loggedIn() {
        return envelope(new UserLoggedIn(userId, UUID.randomUUID().toString(), Instant.now()));
    }

    public EventEnvelope<UserDeleted> userDeleted() {
        return envelope(new UserDeleted(userId, Instant.now()));
    }

    private static int words(String content) {
        return content.isBlank() ? 0 : content.trim().split("\\s+").length;
    }
}
