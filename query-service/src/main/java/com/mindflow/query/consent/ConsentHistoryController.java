package com.mindflow.query.consent;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

/** Every consent the caller gave or changed (GDPR Art. 7(1): the controller can show what was consented to when). */
@RestController
class ConsentHistoryController {

    private final ConsentHistory history;

    ConsentHistoryController(ConsentHistory history) {
        this.history = history;
    }

    @GetMapping("/api/me/consent/history")
    ConsentHistoryView history(@CurrentUser AuthenticatedUser user) {
        return new ConsentHistoryView(history.of(user.userId().value()));
    }

    /** Newest first. */
    public record ConsentHistoryView(List<ConsentChange> items) {
    }
}
