package com.mindflow.auth.account;

import com.mindflow.auth.web.IanaTimeZone;

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

    record Register(
            @NotBlank @Size(max = 255) @Pattern(regexp = EMAIL, message = "must be a valid email address")
            String email,
            @NotNull @Size(max = 200) String password,
            @NotBlank @Size(max = 100) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String displayName,
            @IanaTimeZone String timezone,
            @Pattern(regexp = LANGUAGE, message = "must be en or pt") String language,
            @NotNull @Valid RegisterConsent consent) {

        @Override
        public String toString() {
            return "Register[displayName=" + displayName + "]";
        }
    }

    record RegisterConsent(
            @NotBlank @Size(max = 20) String termsVersion,
            @NotBlank @Size(max = 20) String privacyPolicyVersion,
            @NotNull Boolean dataProcessing,
            @NotNull Boolean marketing) {
    }

    record VerifyEmail(@NotBlank @Size(max = 100) String token) {
    }

    record PasswordReset(@NotBlank @Size(max = 255) @Email String email) {
    }

    record PasswordResetConfirm(@NotBlank @Size(max = 100) String token, @NotNull @Size(max = 200) String newPassword) {

        @Override
        public String toString() {
            return "PasswordResetConfirm[]";
        }
    }

    record ChangePassword(@NotNull @Size(max = 200) String currentPassword,
            @NotNull @Size(max = 200) String newPassword) {

        @Override
        public String toString() {
            return "ChangePassword[]";
        }
    }

    record CancelDeletion(@NotBlank @Size(max = 100) String cancelToken) {

        @Override
        public String toString() {
            return "CancelDeletion[]";
        }
    }

    record DeleteAccount(@NotNull @Size(max = 200) String password) {

        @Override
        public String toString() {
            return "DeleteAccount[]";
        }
    }

    /** Absent fields stay as they are; an empty photoUrl removes the photo. */
    record ProfilePatch(
            @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String displayName,
            @Size(max = 500) @Pattern(regexp = "|https://\\S+", message = "must be an https URL") String photoUrl,
            @IanaTimeZone String timezone,
            @Pattern(regexp = LANGUAGE, message = "must be en or pt") String language,
            @Pattern(regexp = THEME, message = "must be light, dark or system") String theme) {
    }
}
