package com.mindflow.query.consent;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Every consent the caller gave or changed (GDPR Art. 7(1): the controller can show what was consented to when). */
@Tag(name = "Consent", description = "The signed-in user's GDPR consent.")
@RestController
class ConsentHistoryController {

    private final ConsentHistory history;

    ConsentHistoryController(ConsentHistory history) {
        this.history = history;
    }

    @Operation(summary = "List every consent change of the signed-in user, newest first")
    @ApiResponse(responseCode = "200", description = "The consent history")
    @GetMapping("/api/me/consent/history")
    ConsentHistoryView history(@CurrentUser AuthenticatedUser user) {
        return new ConsentHistoryView(history.of(user.userId().value()));
    }

    /** Newest first. */
    @Schema(description = "The history of the user's GDPR consent, newest first.")
    public record ConsentHistoryView(List<ConsentChange> items) {
    }
}
