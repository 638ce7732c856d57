package com.mindflow.query.consent;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The caller's consent changes from {@code audit_logs}: the consent given at sign-up ({@code ACCOUNT_CREATE},
 * {@code metadata.consent}) and every {@code GDPR_CONSENT_UPDATE} ({@code metadata.changes.after}), oldest first
 * so each change can name what it withdrew or granted. A consent change is rare (a handful per account), so the
 * whole history is one read over the seed's {@code {userId: 1, timestamp: -1}} index, capped for safety.
 */
@Component
class ConsentHistory {

    static final String COLLECTION = "audit_logs";
    static final int MAX_CHANGES = 1_000;
    private static final String DATA_PROCESSING = "dataProcessingConsent";
    private static final String MARKETING = "marketingConsent";

    private final MongoTemplate mongo;

    ConsentHistory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Newest first, as the client shows it. */
    List<ConsentChange> of(UUID userId) {
        Query query = new Query(Criteria.where("userId").is(userId.toString())
                .and("action").in("ACCOUNT_CREATE", "GDPR_CONSENT_UPDATE"))
                .with(Sort.by(Sort.Direction.ASC, "timestamp"))
                .limit(MAX_CHANGES);
        query.fields().include("action", "timestamp", "metadata.consent", "metadata.changes.after");
        List<ConsentChange> changes = new ArrayList<>();
        Document previous = null;
        for (Document record : mongo.find(query, Document.class, COLLECTION)) {
            Document consent = consentOf(record);
            if (consent == null) {
                // An account created before sign-up consent was audited: nothing to show for that line.
                continue;
            }
            Date at = record.getDate("timestamp");
            changes.add(new ConsentChange(at == null ? null : at.toInstant(),
                    "ACCOUNT_CREATE".equals(record.getString("action")) ? "GIVEN" : "UPDATED",
                    consent.getString("termsVersion"), consent.getString("privacyPolicyVersion"),
                    flag(consent, DATA_PROCESSING), flag(consent, MARKETING),
                    turned(previous, consent, true), turned(previous, consent, false)));
            previous = consent;
        }
        return changes.reversed();
    }

    private static Document consentOf(Document record) {
        Document metadata = record.get("metadata", Document.class);
        if (metadata == null) {
            return null;
        }
        Document consent = metadata.get("consent", Document.class);
        if (consent != null) {
            return consent;
        }
        Document changes = metadata.get("changes", Document.class);
        return changes == null ? null : changes.get("after", Document.class);
    }

    /** The choices that went from on to off ({@code off}) or from off (or nothing before) to on. */
    private static List<String> turned(Document before, Document after, boolean off) {
        List<String> turned = new ArrayList<>();
        for (String choice : List.of(DATA_PROCESSING, MARKETING)) {
            boolean was = before != null && flag(before, choice);
            boolean is = flag(after, choice);
            if (off ? was && !is : !was && is) {
                turned.add(choice);
            }
        }
        return turned;
    }

    private static boolean flag(Document consent, String choice) {
        return Boolean.TRUE.equals(consent.getBoolean(choice));
    }
}
