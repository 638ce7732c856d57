package com.mindflow.ai.embedding;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * One embedding at a time in this service, live entries first. A rebuild's replay is embedded only while no live
 * entry waits, so a backlog of any size costs a live entry at most the one passage set in progress, and the service
 * never embeds on more than the model's passage threads.
 */
@Component
public class EmbeddingLane {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private final AtomicInteger liveWaiting = new AtomicInteger();

    /** Runs {@code work} for a live entry, after at most the embedding in progress. */
    public <T> T live(Supplier<T> work) {
        liveWaiting.incrementAndGet();
        lock.lock();
        try {
            liveWaiting.decrementAndGet();
            return work.get();
        }
        finally {
            released.signalAll();
            lock.unlock();
        }
    }

    /** Runs {@code work} for a backlog, once no live entry waits. */
    public <T> T background(Supplier<T> work) {
        lock.lock();
        try {
            while (liveWaiting.get() > 0) {
                released.awaitUninterruptibly();
            }
            return work.get();
        }
        finally {
            released.signalAll();
            lock.unlock();
        }
    }
}
