package com.mindflow.auth.session;

import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mindflow.auth.UserId;
import com.mindflow.auth.web.NotFound;

/** The signed-in user's devices. Only their own sessions are visible or deletable. */
@RestController
@RequestMapping("/api/me/sessions")
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    List<SessionView> list(@AuthenticationPrincipal Jwt token) {
        String current = token.getClaimAsString("sid");
        return sessions.ofUser(UserId.of(token.getSubject())).stream()
                .map(s -> new SessionView(s.id(), s.userAgent(), s.ipAddress(), s.createdAt(), s.lastAccessedAt(),
                        s.id().equals(current)))
                .toList();
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> end(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        if (!sessions.end(UserId.of(token.getSubject()), id)) {
            throw new NotFound("session");
        }
        return ResponseEntity.noContent().build();
    }

    record SessionView(String id, String userAgent, String ipAddress, Instant createdAt, Instant lastAccessedAt,
            boolean current) {
    }
}
