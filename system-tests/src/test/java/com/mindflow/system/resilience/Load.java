package com.mindflow.system.resilience;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;

/**
 * Writers at work through the gateway on threads of their own until {@link #stop()}: each creates an entry a day
 * back in time, edits every third one and reads its latest page, remembering the version of each entry the service
 * acknowledged.
 * <p>
 * The load is steady, not as fast as the stack goes: one round every {@link #ROUND} per writer (about 9 writes
 * and 7 reads a second for two writers). At full speed the writers took both cores, so every restart under test
 * waited minutes for CPU, which measured the machine rather than the recovery.
 */
record Load(ExecutorService pool, List<Future<?>> running, AtomicBoolean loading, AtomicInteger failed,
        AtomicInteger reads) {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final Duration ROUND = Duration.ofMillis(300);

    /** One writer: its account, and the version of each entry the service acknowledged. */
    record Writer(MindFlowClient client, UUID userId, Map<String, Long> acknowledged) {
    }

    static List<Writer> writers(String gateway, int count) {
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MindFlowClient client = new MindFlowClient(gateway);
            client.registerAndLogin();
            writers.add(new Writer(client, UUID.fromString(client.userId()), new ConcurrentHashMap<>()));
        }
        return writers;
    }

    static Load start(List<Writer> writers) {
        Load load = new Load(Executors.newFixedThreadPool(writers.size()), new ArrayList<>(), new AtomicBoolean(true),
                new AtomicInteger(), new AtomicInteger());
        for (Writer writer : writers) {
            load.running().add(load.pool().submit(() -> load.write(writer)));
        }
        return load;
    }

    void stop() throws Exception {
        loading.set(false);
        for (Future<?> writer : running) {
            writer.get();
        }
        pool.shutdownNow();
    }

    private void write(Writer writer) {
        LocalDate day = LocalDate.now(LISBON);
        int n = 0;
        long nextRound = System.nanoTime();
        while (loading.get()) {
            try {
                Response created = writer.client().post("/api/journals", Map.of("date", day.toString(),
                        "title", "Day " + n, "content", "Written while services die, number " + n,
                        "mood", "happy", "tags", List.of("faults")));
                if (created.status() == 201) {
                    String id = created.json().get("id").asString();
                    long version = created.json().get("version").asLong();
                    writer.acknowledged().put(id, version);
                    if (n % 3 == 0) {
                        Response edited = writer.client().put("/api/journals/" + id, Map.of("date", day.toString(),
                                "title", "Day " + n + ", edited", "content", "Edited while services die",
                                "mood", "sad", "tags", List.of("faults", "edited")),
                                created.header("ETag"));
                        if (edited.status() == 200) {
                            writer.acknowledged().put(id, edited.json().get("version").asLong());
                        }
                        else {
                            failed.incrementAndGet();
                        }
                    }
                }
                else if (created.status() != 409) {
                    failed.incrementAndGet();
                }
                if (created.status() != 503 && created.status() < 500) {
                    // A day is used once it exists, also when the answer was lost (409 next time).
                    day = day.minusDays(1);
                    n++;
                }
            }
            catch (IllegalStateException connectionLost) {
                failed.incrementAndGet();
                day = day.minusDays(1);
                n++;
            }
            read(writer);
            nextRound += ROUND.toNanos();
            sleep(Math.max(0, (nextRound - System.nanoTime()) / 1_000_000));
        }
    }

    /** The writer's latest page, as its journal screen would show it; answers are counted, not asserted. */
    private void read(Writer writer) {
        try {
            if (writer.client().get("/api/journals?size=10").status() == 200) {
                reads.incrementAndGet();
            }
        }
        catch (IllegalStateException connectionLost) {
            // the service is away; the writes above count the failure
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
