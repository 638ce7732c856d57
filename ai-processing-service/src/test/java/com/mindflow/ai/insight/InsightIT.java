package com.mindflow.ai.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.mindflow.ai.AiProcessingIT;
import com.mindflow.events.EventEnvelope;
import com.mindflow.events.ai.InsightGenerated;
import com.mindflow.events.journal.JournalEntryCreated;
import com.mindflow.events.journal.Mood;
import com.mindflow.events.user.UserConsent;
import com.mindflow.events.user.UserRegistered;
import com.mindflow.events.user.UserSettings;
import com.mindflow.support.testing.StubChatServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The insight ITs' one application context: insights polled every 500 ms, no periodic schedule soon, and the optional
 * language model on, pointed at {@link #LANGUAGE_MODEL} (a stub OpenAI-compatible server recording every request).
 * The stub answers 500 unless a test says otherwise, so insights keep their composed summary (the fallback).
 */
@TestPropertySource(properties = {"mindflow.insights.schedule-first=600s", "mindflow.insights.poll-every=500ms"})
abstract class InsightIT extends AiProcessingIT {

    /** One for the JVM: the cached context keeps pointing at it, so it is never closed. */
    protected static final StubChatServer LANGUAGE_MODEL = StubChatServer.start();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void languageModel(DynamicPropertyRegistry registry) {
        LANGUAGE_MODEL.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void languageModelFails() {
        LANGUAGE_MODEL.answering("").failing();
    }

    protected UUID register(String language) {
        return register(language, false);
    }

    protected UUID register(String language, boolean privateMode) {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        publish(EventEnvelope.of(new UserRegistered(user, user + "@example.com", "Tester", null, "UTC", language,
                "system", true, new UserSettings(true, privateMode, true, true, true),
                new UserConsent("v1.0", now, "v1.0", now, true, false), now), "test"));
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_users WHERE user_id = :id").param("id", user)
                .query(Integer.class).single() == 1);
        return user;
    }

    protected UUID write(UUID user, LocalDate date, String content, Mood mood, List<String> tags, boolean isPrivate) {
        UUID entry = UUID.randomUUID();
        Instant now = Instant.now();
        publish(EventEnvelope.of(new JournalEntryCreated(entry, user, date, "Entry", content, mood, tags, null,
                null, content.split("\\s+").length, 30, isPrivate, 1, now, now), "test"));
        return entry;
    }

    protected void awaitFacts(UUID user, int count) {
        eventually().until(() -> jdbc.sql("SELECT count(*) FROM ai_entry_facts WHERE user_id = :id")
                .param("id", user).query(Integer.class).single() == count);
    }

    protected static List<InsightGenerated> insights(UUID id) {
        return OUT.stream().map(EventEnvelope::payload).filter(p -> p instanceof InsightGenerated g
                && g.insightId().equals(id)).map(InsightGenerated.class::cast).toList();
    }

    protected static InsightGenerated awaitInsight(UUID id) {
        eventually().until(() -> !insights(id).isEmpty());
        return insights(id).getFirst();
    }

    protected static UUID idOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asString());
    }

    protected static void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString())).contains(field);
    }

    protected HttpResponse<String> post(String path, UUID user, Map<String, Object> body) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> delete(String path, UUID user) throws IOException, InterruptedException {
        return HTTP.send(request(path, user).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpRequest.Builder request(String path, UUID user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            String sid = UUID.randomUUID().toString();
            redis.opsForHash().putAll("session:" + sid, Map.of("userId", user.toString(), "roles", "user"));
            redis.expire("session:" + sid, Duration.ofMinutes(10));
            request.header("Authorization", "Bearer " + ISSUER.token(user, sid));
        }
        return request;
    }
}
