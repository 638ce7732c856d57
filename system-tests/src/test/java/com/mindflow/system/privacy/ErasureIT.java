package com.mindflow.system.privacy;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.system.client.ReadStores;
import com.mindflow.system.client.StoreSweep;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.json.JsonMapper;

/**
 * GDPR Art. 17 end to end, through the gateway: a marker planted in every field a user can write is found in the
 * stores while the account lives, and nowhere once the account was deleted and its grace period (2 s in the local
 * stack) has passed: not in any row of the three PostgreSQL databases, any Elasticsearch index, any MongoDB
 * collection, any Redis key or value, or any S3 object. Kafka keeps records by time, not by user: every MindFlow
 * topic must drop them within the documented bound (7 days, segments rolled daily). The audit trail stays, under a
 * pseudonym only. And the address can sign up again.
 */
class ErasureIT {

    private static final JsonMapper JSON = new JsonMapper();
    private static String gateway;

    @BeforeAll
    static void startEverything() {
        // -Dmindflow.gateway.url points the test at another copy of the services on the same servers.
        gateway = System.getProperty("mindflow.gateway.url", LocalStack.services());
    }

    @Test
    void aPurgedAccountLeavesNoMarkerInAnyStoreAndItsAddressCanSignUpAgain() throws Exception {
        String marker = "mfmark" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        MindFlowClient writer = new MindFlowClient(gateway);
        String email = writer.registerAndLogin();
        UUID userId = UUID.fromString(writer.userId());
        writer.raw("PATCH", "/api/me", "application/json",
                JSON.writeValueAsBytes(Map.of("displayName", "Name " + marker)), true).expect(200);
        String entry = writer.post("/api/journals", Map.of(
                "date", "2025-03-14",
                "title", "Title " + marker,
                "content", "Content about " + marker + " and more.",
                "mood", "happy",
                "tags", List.of(marker),
                "location", "Place " + marker,
                "weather", "Weather " + marker)).expect(201).json().get("id").asString();
        byte[] pdf = ("%PDF-1.7\n% " + marker + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        writer.upload("/api/journals/" + entry + "/attachments", marker + ".pdf", pdf).expect(201);
        eventually(() -> writer.get("/api/search?q=" + marker), r -> r.json().get("total").asLong() == 1);
        eventually(() -> writer.get("/api/journals/" + entry),
                r -> r.status() == 200 && r.json().get("attachments").size() == 1);
        List<String> needles = List.of(marker, email);

        try (StoreSweep sweep = new StoreSweep(LocalStack.servers());
             ReadStores stores = new ReadStores(LocalStack.servers())) {
            // The sweep finds what it is meant to find: the marker in each kind of store before the deletion.
            List<String> before = sweep.find(needles);
            for (String store : List.of("postgresql mindflow_write", "postgresql mindflow_read", "elasticsearch",
                    "redis", "s3: bytes")) {
                assertThat(before).as("found before the deletion").anyMatch(place -> place.startsWith(store));
            }

            assertThat(writer.deleteAccount().expect(202).json().get("purgeAfter").asString()).isNotBlank();

            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            List<String> left = sweep.find(needles);
            while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                left = sweep.find(needles);
            }
            assertThat(left).as("what is left of the erased user's data").isEmpty();
            assertThat(sweep.topicsOverRetention(Duration.ofDays(7), Duration.ofDays(1)))
                    .as("topics that keep records longer than the bound").isEmpty();
            assertThat(stores.awaitPseudonymisedAudit(userId)).as("audit entries under the pseudonym")
                    .isGreaterThanOrEqualTo(4);
        }

        MindFlowClient again = new MindFlowClient(gateway);
        again.post("/api/auth/register", Map.of("email", email, "password", "another long passphrase " + marker,
                "displayName", "Back again", "consent", Map.of("termsVersion", "v1.0",
                        "privacyPolicyVersion", "v1.0", "dataProcessing", true, "marketing", false))).expect(201);
        assertThat(again.post("/api/auth/login", Map.of("email", email, "password",
                "another long passphrase " + marker)).expect(200).json().get("accessToken").asString()).isNotBlank();
    }
}
