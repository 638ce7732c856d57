package com.mindflow.events.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's GDPR consent, as in {@code user_gdpr_consent}: which versions of the terms and privacy policy were
 * accepted and when, and the two processing flags.
 *
 * @param termsVersion         e.g. {@code v1.0}
 * @param privacyPolicyVersion e.g. {@code v1.0}
 */
public record UserConsent(
        String termsVersion,
        Instant termsAcceptedAt,
        String privacyPolicyVersion,
        Instant privacyPolicyAcceptedAt,
        boolean dataProcessingConsent,
        boolean marketingConsent) {

    public UserConsent {
        Objects.requireNonNull(termsVersion, "termsVersion");
        Objects.requireNonNull(termsAcceptedAt, "termsAcceptedAt");
        Objects.requireNonNull(privacyPolicyVersion, "privacyPolicyVersion");
        Objects.requireNonNull(privacyPolicyAcceptedAt, "privacyPolicyAcceptedAt");
    }
}
