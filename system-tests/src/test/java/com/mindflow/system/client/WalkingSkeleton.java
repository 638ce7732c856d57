package com.mindflow.system.client;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The walking-skeleton journey through a gateway: register, log in, write an entry, read it back, find it by a word
 * only it has. What every way of deploying MindFlow (the configuration files run natively, in containers) must pass.
 */
public final class WalkingSkeleton {

    private WalkingSkeleton() {
    }

    /** @param variant how MindFlow was deployed; it goes into the entry, so a failure shows which deployment */
    public static void walk(String gateway, String variant) {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String word = "deployed" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = writer.post("/api/journals", Map.of("title", "Deployed as " + variant,
                "content", "Written through the " + variant + " deployment, with the word " + word + ".",
                "mood", "happy", "tags", List.of("deployment")))
                .expect(201).json().get("id").asString();
        assertThat(eventually(() -> writer.get("/api/journals/" + id), r -> r.status() == 200)
                .json().get("title").asString()).isEqualTo("Deployed as " + variant);
        var found = eventually(() -> writer.get("/api/search?q=" + word),
                r -> r.status() == 200 && r.json().get("total").asLong() == 1).json();
        assertThat(found.toString()).contains(id);
    }
}
