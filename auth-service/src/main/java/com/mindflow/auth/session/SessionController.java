package com.mindflow.auth.session;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.support.security.UserId;
import com.mindflow.auth.events.UserEvents;
import com.mindflow.auth.web.NotFound;
import com.mindflow.events.user.UserLoggedOut;
import com.mindflow.support.security.AuthenticatedUser;
import com.mindflow.support.security.CurrentUser;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in user's devices. Only their own sessions are visible or deletable. */
@Tag(name = "Sessions", description = "The signed-in user's devices (sessions).")
@RestController
@RequestMapping("/api/me/sessions")
class SessionController {

    private final Sessions sessions;
    private final UserEvents events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SessionController(Sessions sessions, UserEvents events, TransactionTemplate tx, Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Operation(summary = "List the signed-in user's sessions, marking the current one")
    @ApiResponse(responseCode = "200", description = "The sessions, newest first")
    @GetMapping
    List<SessionView> list(@CurrentUser AuthenticatedUser caller) {
        String current = caller.sessionId();
        return sessions.ofUser(caller.userId()).stream()
                .map(s -> new SessionView(s.id(), s.userAgent(), s.ipAddress(), s.createdAt(), s.lastAccessedAt(),
                        s.id().equals(current)))
                .toList();
    }

    @Operation(summary = "End one of the signed-in user's sessions (sign out a device)")
    @ApiResponse(responseCode = "204", description = "The session has ended")
    @ApiResponse(responseCode = "404", description = "No such session of the caller")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> end(@CurrentUser AuthenticatedUser caller, @PathVariable String id) {
        if (!sessions.end(caller.userId(), id)) {
            throw new NotFound("session");
        }
        tx.executeWithoutResult(status -> events.publish(
                new UserLoggedOut(caller.userId().value(), id, "signed-out-elsewhere", clock.instant())));
        return ResponseEntity.noContent().build();
    }

    @Schema(description = "One signed-in device of the user (a session): what client, from where, since when.")
    record SessionView(
            @Schema(description = "The session's id, to end it with DELETE /api/me/sessions/{id}.") String id,
            @Schema(description = "The User-Agent of the client that signed in.") String userAgent,
            @Schema(description = "The IP address the client signed in from.") String ipAddress,
            @Schema(description = "When the user signed in.") Instant createdAt,
            @Schema(description = "When the session last refreshed its tokens.") Instant lastAccessedAt,
            @Schema(description = "Whether this is the session of the access token making the request.")
            boolean current) {
    }
}
