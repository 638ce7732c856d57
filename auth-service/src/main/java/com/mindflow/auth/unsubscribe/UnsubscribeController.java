package com.mindflow.auth.unsubscribe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.auth.settings.SettingsChanges;
import com.mindflow.auth.web.ApiProblem;
import com.mindflow.auth.web.InvalidField;
import com.mindflow.auth.web.NotFound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * One-click unsubscribe (RFC 8058). The mail client POSTs {@code List-Unsubscribe=One-Click} (form-encoded or
 * multipart, whatever it chooses, hence no {@code consumes}) to the URL of the mail's {@code List-Unsubscribe}
 * header; the token in the URL is the authorization, so the path is public. The flag goes off through
 * {@link SettingsChanges}, the path of {@code PATCH /api/me/settings}, so {@code UserSettingsUpdated} is published
 * and audited as for any settings change.
 *
 * <p>GET never unsubscribes: mail scanners and link previews fetch every URL in a mail. It answers 405 with
 * {@code Allow: POST} and a detail that says so, and changes nothing.
 */
@Tag(name = "Unsubscribe", description = "One-click unsubscribe from MindFlow's mails (RFC 8058).")
@RestController
class UnsubscribeController {

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeController.class);

    private final UnsubscribeTokens tokens;
    private final SettingsChanges changes;

    UnsubscribeController(UnsubscribeTokens tokens, SettingsChanges changes) {
        this.tokens = tokens;
        this.changes = changes;
    }

    /** 204 also when the flag was already off, or the account has been erased since: there is nothing to stop. */
    @Operation(summary = "Unsubscribe from a kind of mail with the token of the mail's List-Unsubscribe link")
    @ApiResponse(responseCode = "204", description = "Unsubscribed (also when already off, or the account is gone)")
    @ApiResponse(responseCode = "400", description = "The token is missing or not a valid unsubscribe link")
    @PostMapping(UnsubscribeTokens.PATH)
    ResponseEntity<Void> unsubscribe(@RequestParam(name = "token", required = false) String token) {
        UnsubscribeTokens.Subscription subscription = tokens.verify(token)
                .orElseThrow(() -> new InvalidField("token", "Not a valid unsubscribe link"));
        try {
            changes.apply(subscription.user(), subscription.list().turnOff());
            log.info("User {} left the {} mails by one-click unsubscribe", subscription.user(),
                    subscription.list().wireName());
        }
        catch (NotFound erased) {
            log.debug("One-click unsubscribe for an erased account");
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Opening an unsubscribe link never unsubscribes: always 405 with Allow: POST")
    @ApiResponse(responseCode = "405", description = "Use POST (the mail app's unsubscribe button) or the settings; nothing is changed")
    @GetMapping(UnsubscribeTokens.PATH)
    void refuseGet() {
        HttpHeaders allow = new HttpHeaders();
        allow.setAllow(java.util.Set.of(HttpMethod.POST));
        throw new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Opening this link does not unsubscribe: use the unsubscribe button of your mail app (it sends a "
                        + "POST), or turn the mails off in your MindFlow settings.", null, allow);
    }
}
