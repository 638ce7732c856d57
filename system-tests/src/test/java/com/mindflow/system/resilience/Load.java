package com.mindflow.system.resilience;

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
 * back in time and edits every third one, remembering the version of each entry the service acknowledged.
 */
record Load(ExecutorService pool, List<Future<?>> running, AtomicBoolean loading, AtomicInteger failed) {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");

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
                new AtomicInteger());
        for (Writer writer : writers) {
            load.running().add(load.pool().submit(() -> write(writer, load.loading(), load.failed())));
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

    private static void write(Writer writer, AtomicBoolean loading, AtomicInteger failed) {
        LocalDate day = LocalDate.now(LISBON);
        int n = 0;
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
            sleep(50);
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
