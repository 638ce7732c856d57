package com.mindflow.system.privacy;

import static com.mindflow.system.client.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mindflow.system.client.MindFlowClient;
import com.mindflow.testsupport.LocalStack;

import tools.jackson.databind.JsonNode;

/**
 * A withdrawal of consent through the gateway: auth-service records it, the audit trail keeps it, and
 * {@code GET /api/me/consent/history} shows the consent given at sign-up and the withdrawal, to their owner only.
 */
class ConsentIT {

    private static String gateway;

    @BeforeAll
    static void startEverything() {
        gateway = LocalStack.services();
    }

    @Test
    void aWithdrawalIsAuditedAndShownInTheOwnersConsentHistory() {
        MindFlowClient user = new MindFlowClient(gateway);
        user.registerAndLogin();
        MindFlowClient stranger = new MindFlowClient(gateway);
        stranger.registerAndLogin();

        JsonNode now = user.put("/api/me/consent", Map.of("termsVersion", "v1.0", "privacyPolicyVersion", "v1.0",
                "dataProcessingConsent", false, "marketingConsent", false), null).expect(200).json();
        assertThat(now.path("dataProcessingConsent").asBoolean()).isFalse();
        assertThat(user.get("/api/me/consent").expect(200).json().path("dataProcessingConsent").asBoolean())
                .isFalse();

        JsonNode items = eventually(() -> user.get("/api/me/consent/history"),
                r -> r.status() == 200 && r.json().path("items").size() == 2).json().path("items");
        assertThat(items.get(0).path("change").asString()).isEqualTo("UPDATED");
        assertThat(items.get(0).path("withdrawn").valueStream().map(JsonNode::asString))
                .containsExactly("dataProcessingConsent");
        assertThat(items.get(1).path("change").asString()).isEqualTo("GIVEN");
        assertThat(items.get(1).path("dataProcessingConsent").asBoolean()).isTrue();
        assertThat(user.get("/api/me/activity").expect(200).json().path("items").valueStream()
                .map(item -> item.path("action").asString())).contains("GDPR_CONSENT_UPDATE");

        JsonNode strangers = eventually(() -> stranger.get("/api/me/consent/history"),
                r -> r.status() == 200 && r.json().path("items").size() == 1).json().path("items");
        assertThat(strangers.get(0).path("withdrawn")).isEmpty();
        assertThat(new MindFlowClient(gateway).get("/api/me/consent/history").status()).isEqualTo(401);
    }
}
