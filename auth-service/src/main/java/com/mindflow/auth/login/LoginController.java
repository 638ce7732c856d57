package com.mindflow.auth.login;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.UserId;
import com.mindflow.auth.login.LoginService.Tokens;
import com.mindflow.auth.web.ClientInfo;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "Sign-in", description = "Sign-in, token refresh and sign-out.")
@RestController
class LoginController {

    private static final String JSON = "application/json";

    private final LoginService logins;

    LoginController(LoginService logins) {
        this.logins = logins;
    }

    @Operation(summary = "Sign in with email and password; answers an access token and a refresh token")
    @ApiResponse(responseCode = "200", description = "Signed in: the tokens")
    @ApiResponse(responseCode = "401", description = "Email or password is not correct (code invalid-credentials)")
    @ApiResponse(responseCode = "423", description = "The account is scheduled for deletion; the answer carries the token that cancels it")
    @ApiResponse(responseCode = "429", description = "Too many attempts for this address or client; retry after Retry-After seconds")
    @PostMapping(path = "/api/auth/login", consumes = JSON)
    ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return noStore(logins.login(request.email(), request.password(), ClientInfo.of(http)));
    }

    @Operation(summary = "Exchange a refresh token for new tokens (the refresh token is rotated)")
    @ApiResponse(responseCode = "200", description = "New tokens")
    @ApiResponse(responseCode = "401", description = "The refresh token is invalid, expired or already used (code invalid-refresh-token)")
    @PostMapping(path = "/api/auth/refresh", consumes = JSON)
    ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return noStore(logins.refresh(request.refreshToken()));
    }

    /** Ends the session of the presented access token: every service refuses that token from now on. */
    @Operation(summary = "Sign out: end the session of the presented access token")
    @ApiResponse(responseCode = "204", description = "The session has ended; every service refuses its tokens from now on")
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@CurrentUser AuthenticatedUser caller) {
        logins.logout(caller.userId(), caller.sessionId());
    }

    private static ResponseEntity<TokenResponse> noStore(Tokens tokens) {
        // RFC 6749 §5.1: token responses must not be cached anywhere.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                .body(new TokenResponse(tokens.access().value(), "Bearer", tokens.access().expiresInSeconds(),
                        tokens.refreshToken(), tokens.sessionId()));
    }

    @Schema(description = "A sign-in with an email address and a password.")
    record LoginRequest(@NotBlank @Size(max = 255) @Email String email, @NotNull @Size(max = 200) String password) {

        @Override
        public String toString() {
            return "LoginRequest[]";
        }
    }

    @Schema(description = "A request for new tokens with the refresh token of a session.")
    record RefreshRequest(@Schema(description = "The refresh token the last sign-in or refresh answered; each is "
            + "good for one refresh.") @NotBlank @Size(max = 200) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshRequest[]";
        }
    }

    @Schema(description = "The tokens of a session (OAuth 2.0 style): a short-lived access token and the refresh token "
            + "to get the next ones.")
    record TokenResponse(
            @Schema(description = "The access token (a signed JWT), sent as `Authorization: Bearer ...`.")
            String accessToken,
            @Schema(description = "Always `Bearer`.") String tokenType,
            @Schema(description = "Seconds until the access token expires.") long expiresIn,
            @Schema(description = "The refresh token, for POST /api/auth/refresh; good for one refresh.")
            String refreshToken,
            @Schema(description = "The session these tokens belong to (see /api/me/sessions).") String sessionId) {

        @Override
        public String toString() {
            return "TokenResponse[sessionId=" + sessionId + "]";
        }
    }
}
