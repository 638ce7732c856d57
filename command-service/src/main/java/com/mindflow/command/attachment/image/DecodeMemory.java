package com.mindflow.command.attachment.image;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap reserved by the decodes in flight. A decode reserves what its header says it will cost before any pixel is
 * read, and waits (bounded) while others hold the memory: three 36-megapixel uploads at once then decode one after
 * another instead of together exhausting the heap. Permits are kibibytes, so a 2 GB budget still fits an int.
 */
final class DecodeMemory {

    private final long limitBytes;
    private final Semaphore kibibytes;
    private final Semaphore decodes;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    DecodeMemory(long limitBytes, int concurrentDecodes) {
        if (limitBytes < 1024 || concurrentDecodes < 1) {
            throw new IllegalArgumentException("Decode memory needs at least 1 KB and one decode");
        }
        this.limitBytes = limitBytes;
        this.kibibytes = new Semaphore(toKib(limitBytes), true);
        this.decodes = new Semaphore(concurrentDecodes, true);
    }

    long limitBytes() {
        return limitBytes;
    }

    /** The most ever reserved at once: never above {@link #limitBytes()}. */
    long peakBytes() {
        return peak.get();
    }

    /**
     * Reserves {@code bytes} for one decode, waiting at most {@code wait}.
     *
     * @return the reservation to close after decoding, or empty when it could not be had in time or never fits
     */
    Optional<Reservation> reserve(long bytes, Duration wait) {
        if (bytes > limitBytes) {
            return Optional.empty();
        }
        int permits = toKib(bytes);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!decodes.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
            if (!kibibytes.tryAcquire(permits, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                decodes.release();
                return Optional.empty();
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        long now = reserved.addAndGet(permits * 1024L);
        peak.accumulateAndGet(now, Math::max);
        return Optional.of(new Reservation(permits));
    }

    private static int toKib(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes + 1023) / 1024));
    }

    final class Reservation implements AutoCloseable {

        private final int permits;
        private boolean closed;

        private Reservation(int permits) {
            this.permits = permits;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                reserved.addAndGet(-permits * 1024L);
                kibibytes.release(permits);
                decodes.release();
            }
        }
    }
}
