package com.mindflow.projection.readmodel;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.events.EventEnvelope;
import com.mindflow.events.Topics;
import com.mindflow.events.journal.JournalEntryReplayed;
import com.mindflow.events.journal.WritingStreakUpdated;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.projection.cache.ReadCaches;
import com.mindflow.projection.erasure.ErasedUsers;
import com.mindflow.projection.rebuild.Rebuild;
import com.mindflow.projection.rebuild.Rebuilds;
import com.mindflow.projection.rebuild.ReplayConsumer;
import com.mindflow.projection.rebuild.SinkRebuild;

/**
 * Rebuilds the read database in place, while it keeps serving: each snapshot rewrites its entry unless a newer live
 * change got there first (version guard), and at the end every row of an entry the rebuild neither replayed nor saw
 * change live is swept. Profiles are restated from auth-service's account snapshots and take command-service's
 * replayed streaks; profiles of accounts that are gone are swept too.
 */
@Component
class ReadModelRebuild implements SinkRebuild {

    static final String GROUP = "projection-read-model-replay";

    private final JournalsView journals;
    private final JournalAttachments attachments;
    private final UserProfiles profiles;
    private final MoodCalendar calendar;
    private final Rebuilds rebuilds;
    private final ErasedUsers erasedUsers;
    private final ReadCaches caches;
    private final ReplayConsumer replay;
    private final TransactionTemplate transactions;

    ReadModelRebuild(JournalsView journals, JournalAttachments attachments, UserProfiles profiles,
            MoodCalendar calendar, Rebuilds rebuilds, ErasedUsers erasedUsers, ReadCaches caches,
            ReplayConsumer replay, ReadTransactions transactions) {
        this.journals = journals;
        this.attachments = attachments;
        this.profiles = profiles;
        this.calendar = calendar;
        this.rebuilds = rebuilds;
        this.erasedUsers = erasedUsers;
        this.caches = caches;
        this.replay = replay;
        this.transactions = transactions.template();
    }

    // Replays older than the group belong to rebuilds that cannot be running: start at the end.
    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.REPLAY, properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, String> record) throws IOException {
        replay.consume(this, record);
    }

    @Override
    public String sink() {
        return ReadModelProjection.SINK;
    }

    /** Entries and streaks from command-service, the accounts behind the profiles from auth-service. */
    @Override
    public Set<String> sources() {
        return Set.of("command-service", "auth-service");
    }

    @Override
    public String prepare(Rebuild rebuild) {
        return null; // in place: from the moment the rebuild is recorded, live changes mark their entries as seen
    }

    @Override
    public void apply(Rebuild rebuild, EventEnvelope<?> snapshot) {
        UUID userId = snapshot.userId();
        transactions.executeWithoutResult(status -> {
            if (erasedUsers.isErased(userId)) {
                return;
            }
            switch (snapshot.payload()) {
                case JournalEntryReplayed entry -> restate(rebuild, entry);
                case WritingStreakUpdated streak -> profiles.streakChanged(streak);
                case UserRegistered account -> restate(rebuild, account);
                default -> {
                }
            }
        });
        switch (snapshot.payload()) {
            case JournalEntryReplayed entry -> caches.entryChanged(userId);
            case WritingStreakUpdated streak -> caches.profileChanged(userId);
            case UserRegistered account -> {
                caches.profileChanged(userId);
                caches.entryListChanged(userId);
            }
            default -> {
            }
        }
    }

    private void restate(Rebuild rebuild, JournalEntryReplayed entry) {
        rebuilds.entryReplayed(rebuild.id(), entry.entryId());
        Optional<LocalDate> before = journals.dateOf(entry.entryId());
        if (entry.deleted()) {
            journals.remove(entry.entryId(), entry.version());
            if (journals.versionOf(entry.entryId()).isEmpty()) {
                // Still deleted: keep exactly its attachments for a restore.
                attachments.restate(entry.entryId(), entry.userId(), entry.version(), entry.attachments());
            }
        } else {
            journals.restate(entry);
            if (journals.versionOf(entry.entryId()).orElse(-1) == entry.version()) {
                attachments.restate(entry.entryId(), entry.userId(), entry.version(), entry.attachments());
                journals.refreshAttachments(entry.entryId(), entry.version());
            }
        }
        calendar.recompute(entry.userId(), entry.date());
        before.filter(d -> d.getYear() != entry.date().getYear() || d.getMonth() != entry.date().getMonth())
                .ifPresent(d -> calendar.recompute(entry.userId(), d));
    }

    /** Accounts carry no version: one that changed live since the rebuild began keeps its newer state. */
    private void restate(Rebuild rebuild, UserRegistered account) {
        if (rebuilds.seen(rebuild.id(), account.userId())) {
            return;
        }
        profiles.restate(account);
        journals.authorChanged(account.userId(), account.displayName(), account.photoUrl());
        rebuilds.entryReplayed(rebuild.id(), account.userId());
    }

    /** Runs inside the transaction that marks the rebuild completed. */
    @Override
    public void complete(Rebuild rebuild) {
        List<UUID> users = journals.sweep(rebuild.id());
        attachments.sweep(rebuild.id());
        profiles.sweep(rebuild.id());
        users.forEach(calendar::recomputeAll);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                users.forEach(caches::entryChanged);
            }
        });
    }

    @Override
    public void abandon(Rebuild rebuild) {
        // Nothing of its own to drop: it rebuilt in place, and what it restated was true when it did.
    }
}
