package com.mindflow.auth.account;

import com.mindflow.auth.web.IanaTimeZone;

import io.swagger.v3.oas.annotations.media.Schema;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the account endpoints. Passwords are checked by {@link PasswordPolicy}, not here. */
final class Requests {

    /** The schema's own email rule, so a bad address is a 400 here rather than a constraint violation there. */
    static final String EMAIL = "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$";
    static final String LANGUAGE = "en|pt";
    static final String THEME = "light|dark|system";
    /** One line of text: display names end up in mails and other people's screens, where a line break is a trap. */
    static final String ONE_LINE = "[^\\p{Cc}\\p{Zl}\\p{Zp}]*";
    static final String ONE_LINE_MESSAGE = "must be one line without control characters";

    private Requests() {
    }

    @Schema(description = "A sign-up: the new account's address, password, name and preferences, and the consent "
            + "given with it.")
    record Register(
            @NotBlank @Size(max = 255) @Pattern(regexp = EMAIL, message = "must be a valid email address")
            String email,
            @Schema(description = "The password: at least 12 characters, at most 72 bytes, not a common password "
                    + "nor the email address.")
            @NotNull @Size(max = 200) String password,
            @Schema(description = "The name shown to the user and in mails; one line.")
            @NotBlank @Size(max = 100) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String displayName,
            @Schema(description = "An IANA time zone, e.g. `Europe/Lisbon`; it decides which day an entry is "
                    + "written on. Default `UTC`.")
            @IanaTimeZone String timezone,
            @Schema(description = "The language of mails and insights: `en` or `pt`.")
            @Pattern(regexp = LANGUAGE, message = "must be en or pt") String language,
            @NotNull @Valid RegisterConsent consent) {

        @Override
        public String toString() {
            return "Register[displayName=" + displayName + "]";
        }
    }

    @Schema(description = "The GDPR consent given at sign-up: the document versions accepted and both choices.")
    record RegisterConsent(
            @Schema(description = "The version of the terms of service the user accepted, e.g. `v2.0`.")
            @NotBlank @Size(max = 20) String termsVersion,
            @Schema(description = "The version of the privacy policy the user accepted.")
            @NotBlank @Size(max = 20) String privacyPolicyVersion,
            @Schema(description = "Whether the user allows the AI analysis of their entries (sentiment, insights, "
                    + "semantic search).")
            @NotNull Boolean dataProcessing,
            @Schema(description = "Whether the user accepts marketing mail.")
            @NotNull Boolean marketing) {
    }

    @Schema(description = "Proof of an email address: the token from the verification mail.")
    record VerifyEmail(@Schema(description = "The token from the verification mail's link.")
            @NotBlank @Size(max = 100) String token) {
    }

    @Schema(description = "A request for a password-reset mail.")
    record PasswordReset(
            @Schema(description = "The account's email address.") @NotBlank @Size(max = 255) @Email String email) {
    }

    @Schema(description = "A new password, with the token from the password-reset mail.")
    record PasswordResetConfirm(
            @Schema(description = "The token from the password-reset mail's link.") @NotBlank @Size(max = 100)
            String token,
            @Schema(description = "The new password: at least 12 characters, at most 72 bytes, not a common one.")
            @NotNull @Size(max = 200)
            String newPassword) {

        @Override
        public String toString() {
            return "PasswordResetConfirm[]";
        }
    }

    @Schema(description = "A password change by the signed-in user: the current password and the new one.")
    record ChangePassword(@NotNull @Size(max = 200) String currentPassword,
            @Schema(description = "The new password: at least 12 characters, at most 72 bytes, not a common one.")
            @NotNull @Size(max = 200)
            String newPassword) {

        @Override
        public String toString() {
            return "ChangePassword[]";
        }
    }

    @Schema(description = "Stops a scheduled account deletion.")
    record CancelDeletion(
            @Schema(description = "The cancel token a sign-in on the account answered while its deletion was "
                    + "scheduled.") @NotBlank @Size(max = 100) String cancelToken) {

        @Override
        public String toString() {
            return "CancelDeletion[]";
        }
    }

    @Schema(description = "A request to delete the signed-in user's account, confirmed with the password.")
    record DeleteAccount(
            @Schema(description = "The account's current password.") @NotNull @Size(max = 200) String password) {

        @Override
        public String toString() {
            return "DeleteAccount[]";
        }
    }

    /** Absent fields stay as they are; an empty photoUrl removes the photo. */
    @Schema(description = "A change to the signed-in user's profile; absent fields stay as they are.")
    record ProfilePatch(
            @Schema(description = "The name shown to the user and in mails; one line, not blank.")
            @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String displayName,
            @Schema(description = "An https URL of the profile photo; an empty string removes the photo.")
            @Size(max = 500) @Pattern(regexp = "|https://\\S+", message = "must be an https URL") String photoUrl,
            @Schema(description = "An IANA time zone, e.g. `Europe/Lisbon`; it decides which day an entry is "
                    + "written on.")
            @IanaTimeZone String timezone,
            @Schema(description = "The language of mails and insights: `en` or `pt`.")
            @Pattern(regexp = LANGUAGE, message = "must be en or pt") String language,
            @Schema(description = "The app's colour theme: `light`, `dark` or `system`.")
            @Pattern(regexp = THEME, message = "must be light, dark or system") String theme) {
    }
}
