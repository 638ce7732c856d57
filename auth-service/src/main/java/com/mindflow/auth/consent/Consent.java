package com.mindflow.auth.consent;

import java.time.Instant;

/** The user's GDPR consent, as in {@code user_gdpr_consent}, with where it was given. */
public record Consent(
        String termsVersion,
        Instant termsAcceptedAt,
        String privacyPolicyVersion,
        Instant privacyPolicyAcceptedAt,
        boolean dataProcessingConsent,
        boolean marketingConsent,
        String consentIpAddress,
        String consentUserAgent,
        Instant updatedAt) {

    /** The consent after the user (re)accepted these versions and choices now; acceptance times move only on change. */
    public Consent accept(String terms, String privacy, boolean dataProcessing, boolean marketing, String ip,
            String userAgent, Instant now) {
        return new Consent(terms, terms.equals(termsVersion) ? termsAcceptedAt : now, privacy,
                privacy.equals(privacyPolicyVersion) ? privacyPolicyAcceptedAt : now, dataProcessing, marketing, ip,
                userAgent, now);
    }

    /** The shared-events shape: versions, acceptance times and flags, without where consent was given. */
    public com.mindflow.events.user.UserConsent toEvent() {
        return new com.mindflow.events.user.UserConsent(termsVersion, termsAcceptedAt, privacyPolicyVersion,
                privacyPolicyAcceptedAt, dataProcessingConsent, marketingConsent);
    }

    public static Consent given(String terms, String privacy, boolean dataProcessing, boolean marketing, String ip,
            String userAgent, Instant now) {
        return new Consent(terms, now, privacy, now, dataProcessing, marketing, ip, userAgent, now);
    }
}
