package com.mindflow.system.journal;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.JsonNode;

/**
 * One thin path through the real pipeline, over HTTP through the gateway: the write stores a row and its outbox
 * event in one transaction, the relay puts the event on Kafka, projection-service applies it to the read database,
 * and query-service returns it.
 */
class WalkingSkeletonIT {

    private static String gateway;

    @BeforeAll
    static void startEverything() {
        gateway = LocalStack.services();
    }

    @Test
    void anEntryWrittenThroughTheGatewayIsReadBackFromTheReadModel() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();

        Response created = writer.post("/api/journals", Map.of(
                "date", "2025-10-25",
                "title", "A Reflective Evening",
                "content", "Today was productive but stressful. I completed three major tasks at work.",
                "mood", "neutral",
                "tags", List.of("Work", " productivity ", "work")));

        created.expect(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/journals/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(created.json().get("wordCount").asInt()).isEqualTo(12);
        assertThat(created.json().get("readingTime").asInt()).isEqualTo(4);

        JsonNode entry = eventually(() -> writer.get("/api/journals/" + id), r -> r.status() == 200).json();
        assertThat(entry.get("title").asString()).isEqualTo("A Reflective Evening");
        assertThat(entry.get("mood").asString()).isEqualTo("neutral");
        assertThat(entry.get("tags").valueStream().map(JsonNode::asString).toList())
                .containsExactly("productivity", "work");
        assertThat(entry.get("version").asInt()).isEqualTo(1);

        JsonNode page = writer.get("/api/journals").expect(200).json();
        assertThat(page.get("items").valueStream().map(item -> item.get("id").asString()).toList()).contains(id);
    }

    @Test
    void nobodyElseCanReadTheEntry() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String id = writer.post("/api/journals", Map.of("title", "Mine", "content", "Only mine."))
                .expect(201).json().get("id").asString();
        eventually(() -> writer.get("/api/journals/" + id), r -> r.status() == 200);

        MindFlowClient stranger = new MindFlowClient(gateway);
        stranger.registerAndLogin();

        stranger.get("/api/journals/" + id).expect(404);
        assertThat(stranger.get("/api/journals").expect(200).json().get("items").size()).isZero();
        new MindFlowClient(gateway).get("/api/journals/" + id).expect(401);
    }

    @Test
    void aSecondEntryForTheSameDayIsAConflictPointingAtTheFirst() {
        MindFlowClient writer = new MindFlowClient(gateway);
        writer.registerAndLogin();
        String first = writer.post("/api/journals", Map.of("date", "2025-10-26", "title", "One", "content", "a"))
                .expect(201).json().get("id").asString();

        Response second = writer.post("/api/journals", Map.of("date", "2025-10-26", "title", "Two", "content", "b"));

        second.expect(409);
        assertThat(second.header("Content-Type")).startsWith("application/problem+json");
        assertThat(second.json().get("existingEntryId").asString()).isEqualTo(first);
    }
}
