package com.mindflow.command.journal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.mindflow.command.ApiTestBase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Bad input gets a 4xx problem naming what is wrong, never a 500 and never a row. */
class RequestRefusalIT extends ApiTestBase {

    @Test
    void eachSeedConstraintHasAnApiCheckNamingTheField() {
        Caller me = newUser();
        assertRefused(me, "title", "");
        assertRefused(me, "title", "   ");
        assertRefused(me, "title", null);
        assertRefused(me, "title", "t".repeat(201));
        assertRefused(me, "title", "nul\u0000inside");
        assertRefused(me, "content", null);
        assertRefused(me, "content", "c".repeat(10_001));
        assertRefused(me, "content", "nul\u0000inside");
        assertRefused(me, "mood", "elated");
        assertRefused(me, "mood", "HAPPY");
        assertRefused(me, "location", "l".repeat(201));
        assertRefused(me, "weather", "w".repeat(101));
        assertRefused(me, "tags", tags(31));
        assertRefusedAt(me, "tags", List.of("ok", "t".repeat(51)), "tags[1]");
        assertRefusedAt(me, "tags", List.of("ok", "  "), "tags[1]");
        assertThat(entries(me)).isZero();

        // The limits themselves are fine.
        ObjectNode atLimits = valid();
        atLimits.put("title", "t".repeat(200)).put("content", "c".repeat(10_000)).put("location", "l".repeat(200))
                .put("weather", "w".repeat(100));
        atLimits.putPOJO("tags", tags(30));
        Response ok = post(me, "/api/journals", atLimits.toString());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().path("wordCount").asInt()).isEqualTo(1);
    }

    @Test
    void serverComputedAndUnknownFieldsAreRefused() {
        Caller me = newUser();
        for (String field : List.of("wordCount", "readingTime", "version", "titel")) {
            ObjectNode body = valid();
            body.put(field, 3);
            Response refused = post(me, "/api/journals", body.toString());
            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.json().path("code").asString()).isEqualTo("unknown-field");
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
        }
    }

    @Test
    void wrongTypesAndFormatsNameTheField() {
        Caller me = newUser();
        ObjectNode badDate = valid();
        badDate.put("date", "10/03/2026");
        assertField(post(me, "/api/journals", badDate.toString()), "date");
        ObjectNode badPrivate = valid();
        badPrivate.putPOJO("isPrivate", List.of(1));
        assertField(post(me, "/api/journals", badPrivate.toString()), "isPrivate");
        assertThat(call("PUT", "/api/journals/not-a-uuid", me.token(), valid().toString(), Map.of("If-Match", "1"))
                .status()).isEqualTo(400);
    }

    @Test
    void malformedJsonIsABadRequest() {
        Caller me = newUser();
        Response broken = post(me, "/api/journals", "{\"title\": \"x\", ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
        assertThat(broken.json().path("code").asString()).isEqualTo("unreadable-body");
        assertThat(post(me, "/api/journals", "").status()).isEqualTo(400);
        assertThat(post(me, "/api/journals", "[]").status()).isEqualTo(400);
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupported() {
        Caller me = newUser();
        Response text = call("POST", "/api/journals", me.token(), null,
                Map.of("Content-Type", "text/plain"));
        Response textWithBody = send(me, "text/plain", HttpRequest.BodyPublishers.ofString("hello"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(textWithBody.status()).isEqualTo(415);
        assertThat(textWithBody.json().path("code").asString()).isEqualTo("unsupported-media-type");
    }

    @Test
    void anOversizedBodyIsTooLargeWithOrWithoutALength() {
        Caller me = newUser();
        byte[] huge = ("{\"title\":\"x\",\"content\":\"" + "a".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Response sized = send(me, "application/json", HttpRequest.BodyPublishers.ofByteArray(huge));
        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.json().path("code").asString()).isEqualTo("body-too-large");
        // ofInputStream has no length: the body goes chunked.
        Response chunked = send(me, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(entries(me)).isZero();
    }

    private Response send(Caller caller, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/journals"))
                .header("Authorization", "Bearer " + caller.token())
                .header("Content-Type", contentType)
                .POST(body)
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            return new Response(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(Caller caller, String field, Object value) {
        assertRefusedAt(caller, field, value, field);
    }

    private void assertRefusedAt(Caller caller, String field, Object value, String reported) {
        ObjectNode body = valid();
        body.putPOJO(field, value);
        assertField(post(caller, "/api/journals", body.toString()), reported);
    }

    private static void assertField(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = response.json().path("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as(response.toString()).containsExactly(field);
    }

    private static ObjectNode valid() {
        ObjectNode body = JSON.createObjectNode();
        body.put("date", "2026-02-01").put("title", "Fine").put("content", "Fine").put("mood", "happy");
        return body;
    }

    private static List<String> tags(int count) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tags.add("tag-" + i);
        }
        return tags;
    }

    private long entries(Caller caller) {
        return jdbc.sql("SELECT count(*) FROM journal_entries WHERE user_id = ?").param(caller.id())
                .query(Long.class).single();
    }
}
