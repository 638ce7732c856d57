package com.mindflow.auth.consent;

import java.time.Clock;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.UserId;
import com.mindflow.auth.events.UserEvents;
import com.mindflow.events.user.UserConsentUpdated;
import com.mindflow.auth.web.ClientInfo;
import com.mindflow.auth.web.NotFound;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's GDPR consent; each PUT records where it was given and emits {@code UserConsentUpdated}. */
@Tag(name = "Consent", description = "The signed-in user's GDPR consent.")
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

    @Operation(summary = "Get the signed-in user's current consent")
    @ApiResponse(responseCode = "200", description = "The consent as the user last gave it")
    @GetMapping
    Consent get(@CurrentUser AuthenticatedUser caller) {
        return consents.of(caller.userId()).orElseThrow(() -> new NotFound("consent"));
    }

    @Operation(summary = "Record the user's consent: the versions accepted and both choices")
    @ApiResponse(responseCode = "200", description = "The consent as recorded")
    @PutMapping(consumes = "application/json")
    Consent put(@CurrentUser AuthenticatedUser caller, @Valid @RequestBody ConsentRequest request,
            HttpServletRequest http) {
        UserId user = caller.userId();
        ClientInfo client = ClientInfo.of(http);
        return tx.execute(status -> {
            Consent current = consents.lockOf(user).orElseThrow(() -> new NotFound("consent"));
            Consent next = current.accept(request.termsVersion(), request.privacyPolicyVersion(),
                    request.dataProcessingConsent(), request.marketingConsent(), client.ipAddress(),
                    client.userAgent(), clock.instant());
            consents.save(user, next);
            events.publish(new UserConsentUpdated(user.value(), next.toEvent(), next.updatedAt()));
            return next;
        });
    }

    /** The whole consent, as the client shows it: versions the user accepted and both choices. */
    @Schema(description = "The user's whole GDPR consent: the document versions accepted and both choices.")
    public record ConsentRequest(
            @Schema(description = "The version of the terms of service the user accepts, e.g. `v2.0`.")
            @NotBlank @Size(max = 20) String termsVersion,
            @Schema(description = "The version of the privacy policy the user accepts.")
            @NotBlank @Size(max = 20) String privacyPolicyVersion,
            @Schema(description = "Whether the user allows the AI analysis of their entries (sentiment, insights, "
                    + "semantic search).")
            @NotNull Boolean dataProcessingConsent,
            @Schema(description = "Whether the user accepts marketing mail.")
            @NotNull Boolean marketingConsent) {
    }
}
