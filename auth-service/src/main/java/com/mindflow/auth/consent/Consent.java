package com.mindflow.auth.consent;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** The user's GDPR consent, as in {@code user_gdpr_consent}, with where it was given. */
@Schema(description = "The user's GDPR consent as last given: the document versions accepted, both choices, and where "
        + "it was given.")
public record Consent(
        @Schema(description = "The version of the terms of service the user accepted, e.g. `v2.0`.")
        String termsVersion,
        @Schema(description = "When this terms version was accepted.")
        Instant termsAcceptedAt,
        @Schema(description = "The version of the privacy policy the user accepted.")
        String privacyPolicyVersion,
        @Schema(description = "When this privacy policy version was accepted.")
        Instant privacyPolicyAcceptedAt,
        @Schema(description = "Whether the user allows the AI analysis of their entries (sentiment, insights, "
                + "semantic search).")
        boolean dataProcessingConsent,
        @Schema(description = "Whether the user accepts marketing mail.")
        boolean marketingConsent,
        @Schema(description = "The IP address the consent was last given from.")
        String consentIpAddress,
        @Schema(description = "The User-Agent of the client the consent was last given with.")
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
