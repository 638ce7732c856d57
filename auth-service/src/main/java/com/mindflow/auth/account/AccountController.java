package com.mindflow.auth.account;

import java.net.URI;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.UserId;
import com.mindflow.auth.account.Requests.ChangePassword;
import com.mindflow.auth.account.Requests.CancelDeletion;
import com.mindflow.auth.account.Requests.DeleteAccount;
import com.mindflow.auth.account.Requests.PasswordReset;
import com.mindflow.auth.account.Requests.PasswordResetConfirm;
import com.mindflow.auth.account.Requests.ProfilePatch;
import com.mindflow.auth.account.Requests.Register;
import com.mindflow.auth.account.Requests.VerifyEmail;
import com.mindflow.auth.web.ClientInfo;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Registration, email verification, password reset, and the signed-in user's own account. */
@Tag(name = "Account", description = "Registration, email verification, password reset, and the signed-in user's own account.")
@RestController
class AccountController {

    private static final String JSON = "application/json";

    private final AccountService accounts;
    private final AccountDeletion deletion;

    AccountController(AccountService accounts, AccountDeletion deletion) {
        this.accounts = accounts;
        this.deletion = deletion;
    }

    /** 201 with a profile for a new address and, indistinguishably, for one that already has an account. */
    @Operation(summary = "Register a new account with an email address and a password")
    @ApiResponse(responseCode = "201", description = "Registered; the same answer when the address already has an account, so addresses cannot be probed")
    @ApiResponse(responseCode = "429", description = "Too many sign-ups from this address; retry after Retry-After seconds")
    @PostMapping(path = "/api/auth/register", consumes = JSON)
    ResponseEntity<Profile> register(@Valid @RequestBody Register request, HttpServletRequest http) {
        User user = accounts.register(request, ClientInfo.of(http));
        return ResponseEntity.created(URI.create("/api/me")).body(Profile.of(user));
    }

    @Operation(summary = "Verify the account's email address with the token from the verification mail")
    @ApiResponse(responseCode = "204", description = "The address is verified")
    @ApiResponse(responseCode = "400", description = "The token is missing, invalid or expired (code invalid-token)")
    @PostMapping(path = "/api/auth/verify-email", consumes = JSON)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verifyEmail(@Valid @RequestBody VerifyEmail request) {
        accounts.verifyEmail(request.token());
    }

    @Operation(summary = "Ask for a password-reset mail to be sent to an address")
    @ApiResponse(responseCode = "202", description = "Accepted; a mail is sent when the address has an account (the answer is the same either way)")
    @ApiResponse(responseCode = "429", description = "Too many requests for this address or client; retry after Retry-After seconds")
    @PostMapping(path = "/api/auth/password-reset", consumes = JSON)
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestPasswordReset(@Valid @RequestBody PasswordReset request, HttpServletRequest http) {
        accounts.requestPasswordReset(request.email(), ClientInfo.of(http));
    }

    @Operation(summary = "Set a new password with the token from the password-reset mail; every session ends")
    @ApiResponse(responseCode = "204", description = "The password is changed")
    @ApiResponse(responseCode = "400", description = "The token is invalid or expired, or the new password is not acceptable")
    @PostMapping(path = "/api/auth/password-reset/confirm", consumes = JSON)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmPasswordReset(@Valid @RequestBody PasswordResetConfirm request, HttpServletRequest http) {
        accounts.confirmPasswordReset(request.token(), request.newPassword(), ClientInfo.of(http));
    }

    @Operation(summary = "Get the signed-in user's profile")
    @ApiResponse(responseCode = "200", description = "The profile")
    @GetMapping("/api/me")
    Profile me(@CurrentUser AuthenticatedUser caller) {
        return Profile.of(accounts.profile(id(caller)));
    }

    @Operation(summary = "Change the signed-in user's display name, timezone or language")
    @ApiResponse(responseCode = "200", description = "The changed profile")
    @PatchMapping(path = "/api/me", consumes = JSON)
    Profile patchMe(@CurrentUser AuthenticatedUser caller, @Valid @RequestBody ProfilePatch patch) {
        return Profile.of(accounts.updateProfile(id(caller), patch));
    }

    @Operation(summary = "Change the password; every other session of the account ends")
    @ApiResponse(responseCode = "204", description = "The password is changed")
    @ApiResponse(responseCode = "403", description = "The current password is not correct (code wrong-password)")
    @PutMapping(path = "/api/me/password", consumes = JSON)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@CurrentUser AuthenticatedUser caller, @Valid @RequestBody ChangePassword request) {
        accounts.changePassword(id(caller), caller.sessionId(), request.currentPassword(), request.newPassword());
    }

    /** 202: the account is locked now and erased when the grace period has passed, unless cancelled. */
    @Operation(summary = "Delete the account: it is locked now and erased after the grace period unless cancelled")
    @ApiResponse(responseCode = "202", description = "The deletion is scheduled; when it happens and how to cancel it")
    @ApiResponse(responseCode = "403", description = "The password is not correct (code wrong-password)")
    @DeleteMapping(path = "/api/me", consumes = JSON)
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeletionScheduled deleteMe(@CurrentUser AuthenticatedUser caller, @Valid @RequestBody DeleteAccount request) {
        return new DeletionScheduled(deletion.request(id(caller), request.password()).purgeAfter(),
                AccountDeletion.CANCEL_PATH);
    }

    /** Cancels a deletion with the token a sign-in on the locked account answered; then sign in again. */
    @Operation(summary = "Cancel a scheduled account deletion with the cancel token a sign-in answered")
    @ApiResponse(responseCode = "204", description = "The deletion is cancelled; sign in again")
    @ApiResponse(responseCode = "400", description = "The cancel token is invalid or expired (code invalid-token)")
    @PostMapping(path = AccountDeletion.CANCEL_PATH, consumes = JSON)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancelDeletion(@Valid @RequestBody CancelDeletion request) {
        deletion.cancel(request.cancelToken());
    }

    private static UserId id(AuthenticatedUser caller) {
        return caller.userId();
    }

    /** When the account will be erased, and where a sign-in's cancel token can stop that until then. */
    @Schema(description = "A scheduled account deletion: when the account is erased and how to stop it until then.")
    record DeletionScheduled(
            @Schema(description = "When the account and all its data are erased (ISO-8601 instant), unless cancelled "
                    + "before.") Instant purgeAfter,
            @Schema(description = "The path to POST a sign-in's cancel token to, to cancel the deletion.")
            String cancel) {
    }

    /** The account as its owner sees it; never the hash. */
    @Schema(description = "The signed-in user's account: who they are and their display preferences.")
    record Profile(@Schema(description = "The user's id (a UUID).") String id, String email, String displayName,
            @Schema(description = "An https URL of the profile photo; null without one.") String photoUrl,
            @Schema(description = "The user's IANA time zone, e.g. `Europe/Lisbon`; it decides which day an entry "
                    + "is written on.") String timezone,
            @Schema(description = "The language of mails and insights: `en` or `pt`.") String language,
            @Schema(description = "The app's colour theme: `light`, `dark` or `system`.") String theme,
            @Schema(description = "Whether the address has been verified with the mailed token.") boolean emailVerified,
            Instant createdAt,
            @Schema(description = "When the user last signed in; null before the first sign-in.") Instant lastLoginAt) {

        static Profile of(User user) {
            return new Profile(user.id().toString(), user.email(), user.displayName(), user.photoUrl(),
                    user.timezone(), user.language(), user.theme(), user.emailVerified(), user.createdAt(),
                    user.lastLoginAt());
        }
    }
}
