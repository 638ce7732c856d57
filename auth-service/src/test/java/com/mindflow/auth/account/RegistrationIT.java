package com.mindflow.auth.account;

import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import com.mindflow.events.EventHeaders;
import com.nimbusds.jwt.SignedJWT;
import com.mindflow.events.Topics;
import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;

import tools.jackson.databind.JsonNode;

class RegistrationIT extends AuthITSupport {

    @Test
    void registersUserSettingsAndConsentInOneGoAndPublishesUserRegisteredToKafka() {
        Api api = api();
        String email = randomEmail();
        KafkaConsumer<String, String> consumer = consumerAtTheEnd(); // only what this test causes is read

        Api.Response response = api.post("/api/auth/register", registration(email.toUpperCase(), PASSWORD));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/me");
        UUID id = UUID.fromString(response.text("id"));
        assertThat(response.text("email")).isEqualTo(email); // stored lower-case
        assertThat(response.body()).doesNotContain("password", "hash");

        Map<String, Object> user = jdbc.sql("SELECT * FROM users WHERE id = :id").param("id", id).query().singleRow();
        assertThat(user.get("email")).isEqualTo(email);
        assertThat((String) user.get("password_hash")).startsWith("$2").contains("$12$");
        assertThat(user.get("timezone")).isEqualTo("Europe/Lisbon");
        assertThat(user.get("email_verified")).isEqualTo(false);
        assertThat(jdbc.sql("SELECT count(*) FROM user_settings WHERE user_id = :id").param("id", id)
                .query(Long.class).single()).isEqualTo(1);
        Map<String, Object> consent = jdbc.sql("""
                SELECT terms_version, privacy_policy_version, data_processing_consent, marketing_consent,
                       host(consent_ip_address) AS ip, consent_user_agent
                  FROM user_gdpr_consent WHERE user_id = :id
                """).param("id", id).query().singleRow();
        assertThat(consent).containsEntry("terms_version", "v1.0").containsEntry("privacy_policy_version", "v1.0")
                .containsEntry("data_processing_consent", true).containsEntry("marketing_consent", false)
                .containsEntry("ip", api.clientIp()).containsEntry("consent_user_agent", api.userAgent());

        JsonNode event = awaitKafkaEvent(consumer, id, "UserRegistered");
        assertThat(event.get("eventType").asString()).isEqualTo("UserRegistered");
        assertThat(event.get("userId").asString()).isEqualTo(id.toString());
        assertThat(event.get("payload").get("email").asString()).isEqualTo(email);
        assertThat(event.get("payload").get("consent").get("termsVersion").asString()).isEqualTo("v1.0");
        assertThat(event.get("payload").get("settings").get("autoSave").asBoolean()).isTrue();
        assertThat(event.toString()).doesNotContain(PASSWORD).doesNotContain("$2a$").doesNotContainIgnoringCase("hash");
    }

    @Test
    void verifiesTheEmailWithTheMailedSingleUseLink() {
        Api api = api();
        var user = register(api);

        var mail = mailbox().await(user.email(), "Confirm your MindFlow email", Duration.ofSeconds(20));
        String token = mail.token();

        assertThat(api.post("/api/auth/verify-email", Map.of("token", token)).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT email_verified FROM users WHERE id = :id").param("id", user.id())
                .query(Boolean.class).single()).isTrue();
        assertThat(outboxEvents(user.id(), "UserProfileUpdated")).anySatisfy(
                e -> assertThat(e.get("payload").get("emailVerified").asBoolean()).isTrue());

        Api.Response again = api.post("/api/auth/verify-email", Map.of("token", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.field()).isEqualTo("token");
    }

    @Test
    void refusesAnUnknownVerificationToken() {
        Api.Response response = api().post("/api/auth/verify-email", Map.of("token", "not-a-real-token"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anAddressThatHasAnAccountGetsTheSameAnswerAndItsOwnerAMail() {
        var owner = register(api());
        String fresh = randomEmail();
        Map<String, Object> asNew = new HashMap<>(registration(fresh, PASSWORD + " new"));
        asNew.put("displayName", "Mallory");
        Map<String, Object> asTaken = new HashMap<>(registration(owner.email().toUpperCase(), PASSWORD + " new"));
        asTaken.put("displayName", "Mallory");

        Api.Response created = api().post("/api/auth/register", asNew);
        Api.Response taken = api().post("/api/auth/register", asTaken);

        assertThat(taken.status()).as(taken.toString()).isEqualTo(created.status()).isEqualTo(201);
        assertThat(taken.raw().headers().map().keySet()).isEqualTo(created.raw().headers().map().keySet());
        for (String header : List.of("Location", "Content-Type", "Cache-Control")) {
            assertThat(taken.header(header)).as(header).isEqualTo(created.header(header));
        }
        JsonNode a = created.json();
        JsonNode b = taken.json();
        assertThat(b.propertyNames()).containsExactlyElementsOf(a.propertyNames());
        for (String same : List.of("displayName", "photoUrl", "timezone", "language", "theme", "emailVerified",
                "lastLoginAt")) {
            assertThat(b.get(same)).as(same).isEqualTo(a.get(same));
        }
        assertThat(b.get("email").asString()).isEqualTo(owner.email());
        assertThat(Instant.parse(b.get("createdAt").asString())).isCloseTo(Instant.now(), within(1, MINUTES));
        UUID decoy = UUID.fromString(b.get("id").asString());
        assertThat(decoy).isNotEqualTo(owner.id());
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE id = :id").param("id", decoy).query(Long.class)
                .single()).isZero();

        var notice = mailbox().await(owner.email(), "Someone tried to sign up", Duration.ofSeconds(20));
        assertThat(notice.text()).contains("Hello Test User,").doesNotContain("Mallory");
        assertThat(mailbox().all(owner.email())).filteredOn(m -> m.subject().contains("Confirm")).hasSize(1);
        login(api(), owner); // the owner's password is untouched
    }

    @Test
    void refusesADisplayNameWithLineBreaksOrControlCharacters() {
        assertRefused(with("displayName", "Ana\r\nBcc: someone@example.com"), "displayName");
        assertRefused(with("displayName", "Ana\u0007"), "displayName");
        assertRefused(with("displayName", "Ana\u2028Silva"), "displayName");
    }

    @Test
    void aDisplayNameThatLooksLikeALinkNeverReachesTheMail() {
        String email = randomEmail();
        Map<String, Object> body = new HashMap<>(registration(email, PASSWORD));
        body.put("displayName", "Claim your prize at http://evil.example/win or www.evil.example");
        assertThat(api().post("/api/auth/register", body).status()).isEqualTo(201);

        var mail = mailbox().await(email, "Confirm your MindFlow email", Duration.ofSeconds(20));

        assertThat(mail.text()).startsWith("Hello,").doesNotContain("evil", "prize", "www.");
        assertThat(mail.text().lines().filter(line -> line.contains("://")))
                .allMatch(line -> line.contains("/verify-email?token="));
    }

    @Test
    void anOrdinaryDisplayNameGreetsTheReaderAsPlainText() {
        String email = randomEmail();
        Map<String, Object> body = new HashMap<>(registration(email, PASSWORD));
        body.put("displayName", "  Ana   Silva ");
        assertThat(api().post("/api/auth/register", body).status()).isEqualTo(201);

        var mail = mailbox().await(email, "Confirm your MindFlow email", Duration.ofSeconds(20));

        assertThat(mail.text()).startsWith("Hello Ana Silva,");
    }

    @Test
    void accessTokensSayWhetherTheEmailIsVerified() throws Exception {
        Api api = api();
        var user = register(api);
        Tokens before = login(api, user);
        assertThat(emailVerified(before.access())).isFalse();

        String token = mailbox().await(user.email(), "Confirm your MindFlow email", Duration.ofSeconds(20)).token();
        assertThat(api.post("/api/auth/verify-email", Map.of("token", token)).status()).isEqualTo(204);

        Api.Response refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", before.refresh()));
        assertThat(emailVerified(refreshed.text("accessToken"))).isTrue();
        assertThat(emailVerified(login(api, user).access())).isTrue();
    }

    /** The claim as a JSON boolean: command-service reads it as one. */
    private static boolean emailVerified(String accessToken) throws java.text.ParseException {
        Object claim = SignedJWT.parse(accessToken).getJWTClaimsSet().getClaim("email_verified");
        assertThat(claim).isInstanceOf(Boolean.class);
        return (Boolean) claim;
    }

    @Test
    void refusesMissingFieldsNamingThem() {
        Api.Response response = api().post("/api/auth/register", Map.of("email", randomEmail()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).contains("password", "displayName", "consent");
    }

    @Test
    void refusesAMalformedEmail() {
        assertRefused(with("email", "not-an-email"), "email");
    }

    @Test
    void refusesAnUnknownTimezone() {
        assertRefused(with("timezone", "Mars/Olympus_Mons"), "timezone");
    }

    @Test
    void refusesAnUnknownLanguage() {
        assertRefused(with("language", "de"), "language");
    }

    @Test
    void refusesAShortPassword() {
        assertRefused(with("password", "short-pw"), "password");
    }

    @Test
    void refusesACommonPassword() {
        Api.Response response = api().post("/api/auth/register", with("password", "Password1234"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field()).isEqualTo("password");
        assertThat(response.text("detail")).contains("common");
    }

    @Test
    void refusesUnknownJsonFields() {
        Map<String, Object> body = new HashMap<>(registration(randomEmail(), PASSWORD));
        body.put("isAdmin", true);
        Api.Response response = api().post("/api/auth/register", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("code")).isEqualTo("unknown-field");
        assertThat(response.field()).isEqualTo("isAdmin");
    }

    @Test
    void refusesAValueOfTheWrongType() {
        Map<String, Object> body = new HashMap<>(registration(randomEmail(), PASSWORD));
        body.put("consent", Map.of("termsVersion", "v1", "privacyPolicyVersion", "v1", "dataProcessing",
                Map.of("x", 1), "marketing", false));
        Api.Response response = api().post("/api/auth/register", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.field()).isEqualTo("consent.dataProcessing");
    }

    @Test
    void refusesMalformedJson() {
        Api.Response response = api().raw("POST", "/api/auth/register", "application/json", "{\"email\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAnOversizedBody() {
        String body = "{\"email\":\"" + "a".repeat(20_000) + "@example.com\"}";
        Api.Response response = api().raw("POST", "/api/auth/register", "application/json", body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.field()).isEqualTo("body");
    }

    @Test
    void acceptsAChunkedBodyButCutsOffAnOversizedOne() {
        Api api = api();
        String ok = JSON.writeValueAsString(registration(randomEmail(), PASSWORD));
        assertThat(api.chunked("/api/auth/register", ok).status()).isEqualTo(201);

        String huge = "{\"email\":\"" + "a".repeat(40_000) + "@example.com\"}";
        Api.Response response = api.chunked("/api/auth/register", huge);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesAnOversizedField() {
        assertRefused(with("displayName", "x".repeat(101)), "displayName");
    }

    @Test
    void refusesAWrongContentTypeWith415() {
        Api.Response response = api().raw("POST", "/api/auth/register", "text/plain", "hello");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private void assertRefused(Map<String, Object> body, String field) {
        Api.Response response = api().post("/api/auth/register", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).contains(field);
        assertThat(response.body()).doesNotContain(PASSWORD);
    }

    private static List<String> fields(Api.Response response) {
        JsonNode errors = response.json().get("errors");
        if (errors == null) {
            return List.of();
        }
        return errors.valueStream().map(e -> e.get("field").asString()).toList();
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(registration(randomEmail(), PASSWORD));
        body.put(field, value);
        return body;
    }

    private static KafkaConsumer<String, String> consumerAtTheEnd() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SERVERS.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "auth-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.USERS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before the event is produced
        return consumer;
    }

    private static JsonNode awaitKafkaEvent(KafkaConsumer<String, String> consumer, UUID user, String type) {
        try (consumer) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    String eventType = new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(),
                            StandardCharsets.UTF_8);
                    if (user.toString().equals(record.key()) && type.equals(eventType)) {
                        return JSON.readTree(record.value());
                    }
                }
            }
        }
        throw new AssertionError("No " + type + " for user " + user + " on " + Topics.USERS);
    }
}
