package com.mindflow.query.consent;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One consent the user gave: the versions and choices in force from {@code changedAt}.
 *
 * @param change    {@code GIVEN} at sign-up, {@code UPDATED} afterwards
 * @param withdrawn the choices turned off by this change ({@code dataProcessingConsent}, {@code marketingConsent})
 * @param granted   the choices turned on by this change
 */
@Schema(description = "One consent the user gave: the document versions and choices in force from `changedAt`.")
public record ConsentChange(Instant changedAt,
        @Schema(description = "`GIVEN` at sign-up, `UPDATED` afterwards.") String change,
        @Schema(description = "The version of the terms of service accepted.") String termsVersion,
        @Schema(description = "The version of the privacy policy accepted.") String privacyPolicyVersion,
        @Schema(description = "Whether the user allowed the AI analysis of their entries.")
        boolean dataProcessingConsent,
        @Schema(description = "Whether the user accepted marketing mail.") boolean marketingConsent,
        @Schema(description = "The choices this change turned off (`dataProcessingConsent`, "
                + "`marketingConsent`).") List<String> withdrawn,
        @Schema(description = "The choices this change turned on.") List<String> granted) {
}
