package com.mindflow.query.consistency;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import com.mindflow.query.changes.JournalChangeListener;
import com.mindflow.support.readside.JournalChangeNotice;

/** Reads waiting for an entry to reach a version, woken by change notices instead of sleeping a full poll interval. */
@Component
class VersionWaits implements JournalChangeListener {

    private final ConcurrentHashMap<UUID, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    /** One waiting read. {@code deleted}: a notice said the entry was deleted at or after the awaited version. */
    static final class Waiter {

        private final long version;
        private final Semaphore wake = new Semaphore(0);
        private volatile boolean deleted;

        Waiter(long version) {
            this.version = version;
        }

        boolean deleted() {
            return deleted;
        }

        /** Sleeps until a notice for the entry arrives or the timeout passes. */
        void await(long millis) throws InterruptedException {
            if (wake.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        }
    }

    Waiter register(UUID entryId, long version) {
        Waiter waiter = new Waiter(version);
        waiting.computeIfAbsent(entryId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    void unregister(UUID entryId, Waiter waiter) {
        waiting.computeIfPresent(entryId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    @Override
    public void onJournalChange(JournalChangeNotice notice) {
        Set<Waiter> waiters = waiting.get(notice.entryId());
        if (waiters == null) {
            return;
        }
        for (Waiter waiter : waiters) {
            if ("deleted".equals(notice.change()) && notice.version() >= waiter.version) {
                waiter.deleted = true;
            }
            waiter.wake.release();
        }
    }
}
