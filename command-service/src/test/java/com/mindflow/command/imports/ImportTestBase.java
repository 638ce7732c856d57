package com.mindflow.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;

import com.mindflow.command.ApiTestBase;
import com.mindflow.testsupport.LocalStack;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/** Calls of the import API and looks into the write database and S3, for the import ITs. */
abstract class ImportTestBase extends ApiTestBase {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String BUCKET = LocalStack.servers().s3Bucket();

    @Autowired
    S3Client s3;

    HttpResponse<String> upload(Caller caller, byte[] file, String fileName, String format) {
        String boundary = "mindflow-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (format != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n" + format
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me/imports"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(Caller caller, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode awaitFinished(Caller caller, String location) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            HttpResponse<String> answer = get(caller, location);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode status = JSON.readTree(answer.body());
            String state = status.get("status").asString();
            if (state.equals("completed") || state.equals("failed")) {
                assertThat(state).as(answer.body()).isEqualTo("completed");
                return status;
            }
            assertThat(Instant.now()).as("import finished: " + answer.body()).isBefore(deadline);
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    JsonNode results(Caller caller, String importId) {
        HttpResponse<String> answer = get(caller, "/api/me/imports/" + importId + "/results");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    Map<String, Object> entry(Caller caller, String date) {
        return jdbc.sql("""
                SELECT e.id, e.title, e.content, e.mood, e.location, e.weather, e.is_private,
                       COALESCE((SELECT string_agg(t.name, ',' ORDER BY t.name) FROM journal_entry_tags et
                                 JOIN tags t ON t.id = et.tag_id WHERE et.journal_entry_id = e.id), '') AS tags
                  FROM journal_entries e WHERE e.user_id = :u AND e.date = CAST(:d AS date) AND e.deleted_at IS NULL
                """).param("u", caller.id()).param("d", date).query().singleRow();
    }

    long entries(UUID user) {
        return jdbc.sql("SELECT count(*) FROM journal_entries WHERE user_id = :u").param("u", user)
                .query(Long.class).single();
    }

    long attachments(UUID user) {
        return jdbc.sql("SELECT count(*) FROM attachments a JOIN journal_entries e ON e.id = a.journal_entry_id "
                + "WHERE e.user_id = :u").param("u", user)
                .query(Long.class).single();
    }

    List<String> objects(UUID user) {
        return s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("users/" + user + "/")).contents().stream()
                .map(S3Object::key).filter(key -> !key.endsWith("/")).toList();
    }
}
