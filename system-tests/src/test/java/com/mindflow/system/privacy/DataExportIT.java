package com.mindflow.system.privacy;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.LiveSocket;
import com.mindflow.system.client.Mailbox;
import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.MindFlowClient.Response;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data export through the gateway, as a user makes one: start it, follow its progress (pushed on /ws, and
 * polled), download the archive with the short-lived URL, and get the mail that links to the status page (never to
 * the archive). Only the owner sees it; the request is audited as {@code DATA_EXPORT}.
 */
class DataExportIT {

    private static final JsonMapper JSON = new JsonMapper();
    private static String gateway;

    @BeforeAll
    static void startEverything() {
        gateway = LocalStack.services();
    }

    @Test
    void startPollDownloadAndMail() throws Exception {
        MindFlowClient user = new MindFlowClient(gateway);
        String email = user.registerAndLogin();
        String userId = user.userId();
        user.post("/api/journals", Map.of("date", "2025-03-01", "title", "Spring", "content", "First warm day.",
                "mood", "happy", "tags", List.of("Garden"))).expect(201);
        user.post("/api/journals", Map.of("date", "2025-03-02", "title", "Mine only", "content", "secret",
                "isPrivate", true)).expect(201);

        LiveSocket phone = user.openLiveSocket();
        Response started = user.post("/api/me/export", Map.of()).expect(202);
        String location = started.header("Location");
        assertThat(location).startsWith("/api/me/export/");
        String exportId = started.json().path("id").asString();
        List<JsonNode> pushed = phone.until(m -> m.path("type").asString().equals("export-progress")
                && m.path("status").asString().equals("completed"), Duration.ofSeconds(60));
        phone.close();
        assertThat(pushed).filteredOn(m -> m.path("type").asString().equals("export-progress"))
                .allSatisfy(m -> assertThat(m.path("id").asString()).isEqualTo(exportId));
        assertThat(pushed.getLast().path("percent").asInt()).isEqualTo(100);
        assertThat(pushed.getLast().path("done").asInt()).isEqualTo(2);

        MindFlowClient stranger = new MindFlowClient(gateway);
        stranger.registerAndLogin();
        assertThat(stranger.get(location).status()).isEqualTo(404);
        MindFlowClient anonymous = new MindFlowClient(gateway);
        assertThat(anonymous.get(location).status()).isEqualTo(401);
        assertThat(anonymous.raw("POST", "/api/me/export", null, null, false).status()).isEqualTo(401);

        JsonNode done = eventually(() -> user.get(location), r -> r.status() == 200
                && List.of("completed", "failed").contains(r.json().path("status").asString())).json();
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("percent").asInt()).isEqualTo(100);
        assertThat(done.path("entriesDone").asInt()).isEqualTo(2);

        Map<String, byte[]> files = unzip(download(done.path("downloadUrl").asString()));
        assertThat(files).containsKeys("entries.json", "entries.schema.json", "README.txt", "journal/2025-03-01.md",
                "journal/2025-03-02.md");
        JsonNode archive = JSON.readTree(files.get("entries.json"));
        assertThat(archive.path("profile").path("userId").asString()).isEqualTo(userId);
        assertThat(archive.path("profile").path("email").asString()).isEqualTo(email);
        assertThat(archive.path("settings").isObject()).isTrue();
        assertThat(archive.path("entries").size()).isEqualTo(2);
        assertThat(archive.path("entries").get(0).path("tags").get(0).asString()).isEqualTo("garden");
        assertThat(archive.path("entries").get(1).path("isPrivate").asBoolean()).isTrue();

        Mailbox.Mail mail = Mailbox.await(LocalStack.servers(), email, "data export is ready", Duration.ofSeconds(30));
        assertThat(mail.text()).contains("/settings/export/" + done.path("id").asString())
                .doesNotContain("X-Amz-", ":9000");

        JsonNode activity = eventually(() -> user.get("/api/me/activity"), r -> r.status() == 200
                && r.json().path("items").valueStream().anyMatch(i -> i.path("action").asString()
                        .equals("DATA_EXPORT"))).json();
        assertThat(activity.path("items").size()).isPositive();
    }

    private static byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
