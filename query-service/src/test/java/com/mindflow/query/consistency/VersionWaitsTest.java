package com.mindflow.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.mindflow.support.readside.JournalChangeNotice;

class VersionWaitsTest {

    private final VersionWaits waits = new VersionWaits();

    @Test
    void aNoticeForTheEntryWakesItsWaitersAtOnce() throws Exception {
        UUID entry = UUID.randomUUID();
        VersionWaits.Waiter waiter = waits.register(entry, 3);
        CompletableFuture.runAsync(() -> waits.onJournalChange(
                new JournalChangeNotice(entry, UUID.randomUUID(), LocalDate.now(), 3, "updated")),
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        long started = System.nanoTime();
        waiter.await(10_000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        assertThat(waiter.deleted()).isFalse();
        waits.unregister(entry, waiter);
    }

    @Test
    void aDeleteAtOrAfterTheAwaitedVersionIsRemembered() throws Exception {
        UUID entry = UUID.randomUUID();
        VersionWaits.Waiter older = waits.register(entry, 5);
        VersionWaits.Waiter newer = waits.register(entry, 9);
        waits.onJournalChange(new JournalChangeNotice(entry, UUID.randomUUID(), LocalDate.now(), 6, "deleted"));
        assertThat(older.deleted()).isTrue();
        assertThat(newer.deleted()).isFalse();
    }

    @Test
    void noticesForOtherEntriesDoNotWake() throws Exception {
        UUID entry = UUID.randomUUID();
        VersionWaits.Waiter waiter = waits.register(entry, 1);
        waits.onJournalChange(new JournalChangeNotice(UUID.randomUUID(), UUID.randomUUID(), LocalDate.now(), 1,
                "created"));
        long started = System.nanoTime();
        waiter.await(200);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(150);
    }
}
