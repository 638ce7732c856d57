package com.mindflow.auth.login;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.support.security.UserId;
import com.mindflow.auth.account.AccountDeletion;
import com.mindflow.auth.account.Passwords;
import com.mindflow.auth.account.User;
import com.mindflow.auth.account.Users;
import com.mindflow.auth.account.Users.PendingDeletion;
import com.mindflow.auth.events.UserEvents;
import com.mindflow.auth.ratelimit.RateLimiter;
import com.mindflow.auth.session.Sessions;
import com.mindflow.auth.session.Sessions.Opened;
import com.mindflow.auth.session.Sessions.Rotation;
import com.mindflow.auth.token.AccessTokens;
import com.mindflow.auth.token.AccessTokens.AccessToken;
import com.mindflow.auth.web.ApiProblem;
import com.mindflow.auth.web.ClientInfo;
import com.mindflow.events.user.UserLoggedIn;
import com.mindflow.events.user.UserLoggedOut;

/** Login, refresh and logout: the session in Redis, the access token, and their events. */
@Service
class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final Users users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final AccessTokens tokens;
    private final UserEvents events;
    private final RateLimiter rateLimiter;
    private final TransactionTemplate tx;
    private final AccountDeletion deletion;
    private final Clock clock;

    LoginService(Users users, Passwords passwords, Sessions sessions, AccessTokens tokens, UserEvents events,
            RateLimiter rateLimiter, TransactionTemplate tx, AccountDeletion deletion, Clock clock) {
        this.deletion = deletion;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.tokens = tokens;
        this.events = events;
        this.rateLimiter = rateLimiter;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Unknown email, erased account and wrong password all take one bcrypt and get the same answer. An account
     * locked for deletion answers the right password with its own problem, which offers to cancel the deletion.
     */
    Tokens login(String email, String password, ClientInfo client) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        rateLimiter.login(normalized, client.ipAddress());
        Optional<User> found = users.activeByEmail(normalized);
        Optional<PendingDeletion> pending = found.isPresent() ? Optional.empty()
                : users.pendingDeletionByEmail(normalized, clock.instant());
        String hash = found.or(() -> pending.map(PendingDeletion::user)).map(User::passwordHash).orElse(null);
        boolean ok = passwords.matches(password, hash);
        if (!ok || hash == null) {
            rateLimiter.loginFailed(normalized, client.ipAddress());
            throw invalidCredentials();
        }
        rateLimiter.loginSucceeded(normalized, client.ipAddress());
        if (pending.isPresent()) {
            throw deletion.lockedForDeletion(pending.get());
        }
        User user = found.get();
        Opened session = sessions.open(user.id(), user.email(), User.ROLES, client.userAgent(), client.ipAddress());
        Instant now = clock.instant();
        String upgraded = passwords.needsRehash(user.passwordHash()) ? passwords.hash(password) : null;
        try {
            tx.executeWithoutResult(status -> {
                users.recordLogin(user.id(), now);
                if (upgraded != null) {
                    users.changePasswordHash(user.id(), upgraded); // cost was raised since this hash was made
                }
                events.publish(new UserLoggedIn(user.id().value(), session.sessionId(), now));
            });
        }
        catch (RuntimeException e) {
            sessions.end(user.id(), session.sessionId()); // no event, no session
            throw e;
        }
        AccessToken access = tokens.issue(user.id(), session.sessionId(), User.ROLES, user.timezone(),
                user.emailVerified());
        return new Tokens(access, session.refreshToken(), session.sessionId());
    }

    Tokens refresh(String refreshToken) {
        return switch (sessions.rotate(refreshToken)) {
            case Rotation.Rotated rotated -> {
                UserId user = rotated.session().userId();
                Optional<User> account = users.active(user);
                if (account.isEmpty()) {
                    sessions.end(user, rotated.session().id());
                    throw invalidRefreshToken();
                }
                // Zone and verification are read again: a change reaches the next access token.
                AccessToken access = tokens.issue(user, rotated.session().id(), rotated.session().roles(),
                        account.get().timezone(), account.get().emailVerified());
                yield new Tokens(access, rotated.refreshToken(), rotated.session().id());
            }
            case Rotation.Reused reused -> {
                log.warn("Refresh token reuse on session {} of user {}: session revoked", reused.session().id(),
                        reused.session().userId());
                tx.executeWithoutResult(status -> events.publish(new UserLoggedOut(
                        reused.session().userId().value(), reused.session().id(), "refresh-token-reuse",
                        clock.instant())));
                throw invalidRefreshToken();
            }
            case Rotation.Invalid invalid -> throw invalidRefreshToken();
        };
    }

    void logout(UserId user, String sessionId) {
        if (sessions.end(user, sessionId)) {
            tx.executeWithoutResult(status -> events.publish(
                    new UserLoggedOut(user.value(), sessionId, "logout", clock.instant())));
        }
    }

    private static ApiProblem invalidCredentials() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Email or password is not correct");
    }

    private static ApiProblem invalidRefreshToken() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid-refresh-token",
                "The refresh token is invalid, expired or revoked; sign in again", "refreshToken", null);
    }

    /** What a successful login or refresh hands out. */
    record Tokens(AccessToken access, String refreshToken, String sessionId) {

        @Override
        public String toString() {
            return "Tokens[sessionId=" + sessionId + "]";
        }
    }
}
