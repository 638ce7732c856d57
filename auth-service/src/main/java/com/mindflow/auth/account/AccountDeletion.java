package com.mindflow.auth.account;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.auth.account.OneTimeTokens.Purpose;
import com.mindflow.auth.account.Users.PendingDeletion;
import com.mindflow.auth.events.UserEvents;
import com.mindflow.auth.mail.Mailer;
import com.mindflow.auth.ratelimit.RateLimiter;
import com.mindflow.auth.session.Sessions;
import com.mindflow.auth.web.ApiProblem;
import com.mindflow.auth.web.NotFound;
import com.mindflow.events.user.UserDeleted;
import com.mindflow.events.user.UserDeletionCancelled;
import com.mindflow.events.user.UserDeletionRequested;
import com.mindflow.support.security.UserId;

/**
 * Account deletion in two steps (GDPR Art. 17): {@code DELETE /api/me} locks the account for a grace period, during
 * which signing in with the right password offers a cancel token; afterwards {@link #purgeDue()} erases the account
 * for good and sends {@link UserDeleted}, on which every other store erases what it holds.
 */
@Service
public class AccountDeletion {

    static final String CANCEL_PATH = "/api/auth/account-deletion/cancel";

    private static final Logger log = LoggerFactory.getLogger(AccountDeletion.class);

    private final Users users;
    private final Passwords passwords;
    private final OneTimeTokens links;
    private final Sessions sessions;
    private final UserEvents events;
    private final Mailer mailer;
    private final RateLimiter rateLimiter;
    private final TransactionTemplate tx;
    private final AccountDeletionSettings settings;
    private final Clock clock;

    AccountDeletion(Users users, Passwords passwords, OneTimeTokens links, Sessions sessions, UserEvents events,
            Mailer mailer, RateLimiter rateLimiter, TransactionTemplate tx, AccountDeletionSettings settings,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.links = links;
        this.sessions = sessions;
        this.events = events;
        this.mailer = mailer;
        this.rateLimiter = rateLimiter;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Locks the account (password as confirmation), ends every session and mails the owner when it will be erased
     * and how to cancel. The data stays untouched until then, so a cancel brings everything back.
     */
    public Scheduled request(UserId id, String password) {
        User user = users.active(id).orElseThrow(() -> new NotFound("account"));
        rateLimiter.passwordCheck(id);
        if (!passwords.matches(password, user.passwordHash())) {
            throw AccountProblems.wrongPassword("password");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant purgeAfter = now.plus(settings.grace());
        Boolean locked = tx.execute(status -> {
            if (!users.scheduleDeletion(id, now, purgeAfter)) {
                return false;
            }
            events.publish(new UserDeletionRequested(id.value(), now, purgeAfter));
            return true;
        });
        if (!Boolean.TRUE.equals(locked)) {
            throw new NotFound("account"); // a concurrent request locked it first
        }
        sessions.endAll(id, null);
        mailer.sendDeletionScheduled(id, user.email(), user.displayName(), purgeAfter);
        return new Scheduled(purgeAfter);
    }

    /**
     * What a sign-in with the right password on a locked account answers: 423 with a single-use cancel token, so
     * that only someone who knows the password can bring the account back. Nothing is told before the password
     * was checked (no account enumeration).
     */
    public ApiProblem lockedForDeletion(PendingDeletion pending) {
        String token = links.issue(Purpose.ACCOUNT_DELETION_CANCEL, pending.user().id(), settings.cancelLinkTtl());
        return new ApiProblem(HttpStatus.LOCKED, "account-deletion-pending",
                "This account is being deleted and will be erased at " + pending.purgeAfter()
                        + ". To keep it, confirm with the cancelToken at " + CANCEL_PATH + ", then sign in again.",
                null, null, Map.of("purgeAfter", pending.purgeAfter().toString(), "cancelToken", token,
                        "cancel", URI.create(CANCEL_PATH).toString()));
    }

    /** Opens the account again; the token is burnt whether or not the grace period has passed meanwhile. */
    public void cancel(String token) {
        UserId id = links.consume(Purpose.ACCOUNT_DELETION_CANCEL, token)
                .orElseThrow(() -> AccountProblems.invalidLink("cancelToken"));
        Instant now = clock.instant();
        boolean reopened = Boolean.TRUE.equals(tx.execute(status -> {
            if (!users.cancelDeletion(id, now)) {
                return false;
            }
            events.publish(new UserDeletionCancelled(id.value(), now));
            return true;
        }));
        if (!reopened) {
            throw AccountProblems.invalidLink("cancelToken"); // the purge came first
        }
        users.active(id).ifPresent(user -> mailer.sendDeletionCancelled(id, user.email(), user.displayName()));
    }

    /**
     * Erases every account whose grace period has passed, a batch per transaction: the row goes (with everything
     * hanging off it by cascade), the user's events still in the outbox go, and {@link UserDeleted} goes out in the
     * same commit. Answers how many accounts were erased.
     */
    public int purgeDue() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            List<User> erased = tx.execute(status -> {
                List<User> due = users.lockDueForPurge(now, settings.purgeBatchSize());
                for (User user : due) {
                    events.forget(user.id().value());
                    users.erase(user.id());
                    events.publish(new UserDeleted(user.id().value(), now));
                }
                return due;
            });
            for (User user : erased) {
                sessions.endAll(user.id(), null); // none should be left; a purge must not leave one behind
                mailer.sendErased(user.id(), user.email(), user.displayName());
                log.info("Erased account {}", user.id());
            }
            total += erased.size();
            if (erased.size() < settings.purgeBatchSize()) {
                return total;
            }
        }
    }

    /** The answer to a deletion request: when the account will be erased, and where to cancel until then. */
    public record Scheduled(Instant purgeAfter) {
    }
}
