package com.mindflow.system.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.mindflow.system.client.MindFlowClient.Response;

/** Polls a read until the asynchronous pipeline has caught up, failing with the last answer if it never does. */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Eventually() {
    }

    public static Response eventually(Supplier<Response> call, Predicate<Response> done) {
        return eventually(call, done, PATIENCE);
    }

    /** With a patience of its own: for work that queues behind a backlog, such as embedding. */
    public static Response eventually(Supplier<Response> call, Predicate<Response> done, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        Response last = call.get();
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            sleep(50);
            last = call.get();
        }
        Response seen = last;
        assertThat(done.test(seen)).as("last response: %s %s", seen.status(), seen.body()).isTrue();
        return seen;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
