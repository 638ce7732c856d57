package com.mindflow.query.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mindflow.query.support.QueryServiceIT;

import tools.jackson.databind.JsonNode;

/** /api/me/consent/history from the audit trail: the sign-up consent and every change, the caller's own only. */
class ConsentHistoryIT extends QueryServiceIT {

    private static final Instant SIGN_UP = Instant.parse("2025-03-01T09:00:00Z");

    @Autowired
    MongoTemplate mongo;

    @Test
    void everyChangeNewestFirstNamingWhatWasWithdrawnOrGranted() {
        var alice = newUser();
        audit(alice.id(), "ACCOUNT_CREATE", SIGN_UP, new Document("consent", consent("v1.0", true, false)));
        audit(alice.id(), "LOGIN", SIGN_UP.plusSeconds(5), new Document("sessionId", "s"));
        audit(alice.id(), "GDPR_CONSENT_UPDATE", SIGN_UP.plusSeconds(3600),
                new Document("changes", new Document("after", consent("v1.1", true, true))));
        audit(alice.id(), "GDPR_CONSENT_UPDATE", SIGN_UP.plusSeconds(7200),
                new Document("changes", new Document("after", consent("v1.1", false, false))));
        var bob = newUser();
        audit(bob.id(), "GDPR_CONSENT_UPDATE", SIGN_UP.plusSeconds(60),
                new Document("changes", new Document("after", consent("v9", false, true))));

        JsonNode items = json(get("/api/me/consent/history", alice)).path("items");

        assertThat(items).hasSize(3);
        JsonNode withdrawal = items.get(0);
        assertThat(withdrawal.path("changedAt").asString()).isEqualTo("2025-03-01T11:00:00Z");
        assertThat(withdrawal.path("change").asString()).isEqualTo("UPDATED");
        assertThat(withdrawal.path("dataProcessingConsent").asBoolean()).isFalse();
        assertThat(withdrawal.path("withdrawn").valueStream().map(JsonNode::asString))
                .containsExactly("dataProcessingConsent", "marketingConsent");
        assertThat(withdrawal.path("granted")).isEmpty();
        JsonNode optIn = items.get(1);
        assertThat(optIn.path("termsVersion").asString()).isEqualTo("v1.1");
        assertThat(optIn.path("granted").valueStream().map(JsonNode::asString)).containsExactly("marketingConsent");
        assertThat(optIn.path("withdrawn")).isEmpty();
        JsonNode given = items.get(2);
        assertThat(given.path("change").asString()).isEqualTo("GIVEN");
        assertThat(given.path("changedAt").asString()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(given.path("granted").valueStream().map(JsonNode::asString))
                .containsExactly("dataProcessingConsent");

        JsonNode bobs = json(get("/api/me/consent/history", bob)).path("items");
        assertThat(bobs).hasSize(1);
        assertThat(bobs.get(0).path("termsVersion").asString()).isEqualTo("v9");
        assertThat(json(get("/api/me/consent/history", newUser())).path("items")).isEmpty();
        assertThat(get("/api/me/consent/history", null).statusCode()).isEqualTo(401);
    }

    private static Document consent(String terms, boolean dataProcessing, boolean marketing) {
        return new Document("termsVersion", terms).append("privacyPolicyVersion", "v1.0")
                .append("dataProcessingConsent", dataProcessing).append("marketingConsent", marketing);
    }

    private void audit(UUID user, String action, Instant at, Document metadata) {
        mongo.insert(new Document("userId", user.toString())
                .append("action", action)
                .append("timestamp", Date.from(at))
                .append("metadata", metadata)
                .append("requestId", "req-" + UUID.randomUUID())
                .append("dataCategory", "user_data")
                .append("retentionPolicy", "7_years"), "audit_logs");
    }
}
