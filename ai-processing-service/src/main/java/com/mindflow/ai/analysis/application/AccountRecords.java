package com.mindflow.ai.analysis.application;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What the analysis must know of an account: whether it may be analysed at all, and its language. */
public interface AccountRecords {

    /**
     * @param privateMode        the user's {@code user_settings.private_mode}
     * @param processingConsent  the user's {@code user_gdpr_consent.data_processing_consent}
     */
    record Account(boolean privateMode, String language, boolean erased, boolean processingConsent) {

        /** Private mode, withdrawn consent and erasure each keep every entry of the account from the analysis. */
        public boolean excluded() {
            return privateMode || erased || !processingConsent;
        }
    }

    Optional<Account> find(UUID userId);

    /** Records the settings as of {@code at}; false when a newer change was already recorded (nothing changed). */
    boolean privateMode(UUID userId, boolean privateMode, Instant at);

    /** Records the consent as of {@code at}; false when it changed nothing (same value, or a newer one recorded). */
    boolean processingConsent(UUID userId, boolean consent, Instant at);

    /**
     * Whether the account was kept from the analysis at {@code at} (private mode on, or consent withdrawn, then):
     * decides for an entry that arrives after the period it was written in had ended.
     */
    boolean excludedAt(UUID userId, Instant at);

    /** The account's language (the detector's tie-breaker, the insights' language) and IANA time zone. */
    void profile(UUID userId, String language, String timezone);

    void erased(UUID userId, Instant at);
}
