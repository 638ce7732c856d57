package com.mindflow.auth.consent;

import java.time.Clock;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.auth.UserId;
import com.mindflow.auth.events.UserEvents;
import com.mindflow.auth.events.UserEvents.UserConsentUpdated;
import com.mindflow.auth.web.ClientInfo;
import com.mindflow.auth.web.NotFound;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The signed-in user's GDPR consent; each PUT records where it was given and emits {@code UserConsentUpdated}. */
@RestController
@RequestMapping("/api/me/consent")
class ConsentController {

    private final Consents consents;
    private final UserEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    ConsentController(Consents consents, UserEvents events, TransactionTemplate tx, Clock clock) {
        this.consents = consents;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @GetMapping
    Consent get(@AuthenticationPrincipal Jwt token) {
        return consents.of(UserId.of(token.getSubject())).orElseThrow(() -> new NotFound("consent"));
    }

    @PutMapping(consumes = "application/json")
    Consent put(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ConsentRequest request,
            HttpServletRequest http) {
        UserId user = UserId.of(token.getSubject());
        ClientInfo client = ClientInfo.of(http);
        return tx.execute(status -> {
            Consent current = consents.lockOf(user).orElseThrow(() -> new NotFound("consent"));
            Consent next = current.accept(request.termsVersion(), request.privacyPolicyVersion(),
                    request.dataProcessingConsent(), request.marketingConsent(), client.ipAddress(),
                    client.userAgent(), clock.instant());
            consents.save(user, next);
            events.consentUpdated(new UserConsentUpdated(user.value(), next.termsVersion(), next.termsAcceptedAt(),
                    next.privacyPolicyVersion(), next.privacyPolicyAcceptedAt(), next.dataProcessingConsent(),
                    next.marketingConsent(), next.updatedAt()));
            return next;
        });
    }

    /** The whole consent, as the client shows it: versions the user accepted and both choices. */
    public record ConsentRequest(
            @NotBlank @Size(max = 20) String termsVersion,
            @NotBlank @Size(max = 20) String privacyPolicyVersion,
            @NotNull Boolean dataProcessingConsent,
            @NotNull Boolean marketingConsent) {
    }
}
