package com.mindflow.query.consent;

import java.time.Instant;
import java.util.List;

/**
 * One consent the user gave: the versions and choices in force from {@code changedAt}.
 *
 * @param change    {@code GIVEN} at sign-up, {@code UPDATED} afterwards
 * @param withdrawn the choices turned off by this change ({@code dataProcessingConsent}, {@code marketingConsent})
 * @param granted   the choices turned on by this change
 */
public record ConsentChange(Instant changedAt, String change, String termsVersion, String privacyPolicyVersion,
        boolean dataProcessingConsent, boolean marketingConsent, List<String> withdrawn, List<String> granted) {
}
