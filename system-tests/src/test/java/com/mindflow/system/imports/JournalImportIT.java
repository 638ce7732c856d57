package com.mindflow.system.imports;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.testsupport.LocalStack;
import com.mindflow.testsupport.corpus.ImportFiles;
import com.mindflow.testsupport.corpus.ImportFiles.MindflowEntry;

import tools.jackson.databind.JsonNode;

/**
 * A MindFlow export archive imported through the gateway: command-service writes the entries, and query-service
 * serves them back ({@code GET /api/journals}) with their tags, moods, dates and attachment, to their owner only.
 */
class JournalImportIT {

    private static String gateway;

    @BeforeAll
    static void startEverything() {
        gateway = LocalStack.services();
    }

    @Test
    void anImportedArchiveIsReadBackFromTheReadModel() {
        MindFlowClient user = new MindFlowClient(gateway);
        user.registerAndLogin();
        MindFlowClient stranger = new MindFlowClient(gateway);
        stranger.registerAndLogin();
        byte[] archive = ImportFiles.mindflowArchive(List.of(
                MindflowEntry.of("2025-01-02", "New year walk", "Cold and bright.", "happy", "walk", "Family")
                        .with("Porto", "clear", false, Map.of("walk.png", ImportFiles.png())),
                MindflowEntry.of("2025-01-03", "Back to work", "Inbox zero by noon.", "anxious", "work"),
                MindflowEntry.of("2025-01-04", "Rest", "Nothing at all.", null)));

        MindFlowClient.Response started = user.upload("/api/me/imports", "mindflow-export.zip", archive).expect(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/me/imports/");
        JsonNode done = eventually(() -> user.get(location),
                r -> r.status() == 200 && !r.json().path("status").asString().matches("queued|running")).json();
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.at("/counts/imported").asInt()).isEqualTo(3);

        JsonNode page = eventually(() -> user.get("/api/journals"),
                r -> r.status() == 200 && r.json().path("items").size() == 3).json();
        Map<String, JsonNode> byDate = new java.util.HashMap<>();
        page.path("items").forEach(item -> byDate.put(item.path("date").asString(), item));
        assertThat(byDate.keySet()).containsExactlyInAnyOrder("2025-01-02", "2025-01-03", "2025-01-04");
        JsonNode walk = byDate.get("2025-01-02");
        assertThat(walk.path("title").asString()).isEqualTo("New year walk");
        assertThat(walk.path("mood").asString()).isEqualTo("happy");
        assertThat(walk.path("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("family", "walk");
        assertThat(byDate.get("2025-01-03").path("mood").asString()).isEqualTo("anxious");
        JsonNode detail = eventually(() -> user.get("/api/journals/" + walk.path("id").asString()),
                r -> r.status() == 200 && r.json().path("attachments").size() == 1).json();
        assertThat(detail.path("content").asString()).isEqualTo("Cold and bright.");
        assertThat(detail.path("attachments").get(0).path("fileName").asString()).isEqualTo("walk.png");

        assertThat(user.get(location + "/results").expect(200).json().path("results").size()).isEqualTo(3);
        assertThat(stranger.get(location).status()).isEqualTo(404);
        assertThat(stranger.get(location + "/results").status()).isEqualTo(404);
        assertThat(stranger.get("/api/journals").expect(200).json().path("items").size()).isZero();
        assertThat(new MindFlowClient(gateway).get(location).status()).isEqualTo(401);
        assertThat(new MindFlowClient(gateway).raw("POST", "/api/me/imports", "multipart/form-data; boundary=x",
                "--x--\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), false).status()).isEqualTo(401);
    }
}
