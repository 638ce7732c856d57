package com.mindflow.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.mindflow.auth.AuthSettings;
import com.mindflow.support.security.UserId;
import com.mindflow.auth.account.OneTimeTokens.Purpose;
import com.mindflow.auth.account.Requests.ProfilePatch;
import com.mindflow.auth.account.Requests.Register;
import com.mindflow.auth.consent.Consent;
import com.mindflow.auth.consent.Consents;
import com.mindflow.auth.events.UserEvents;
import com.mindflow.auth.mail.Mailer;
import com.mindflow.auth.ratelimit.RateLimiter;
import com.mindflow.auth.session.SessionRecord;
import com.mindflow.auth.session.Sessions;
import com.mindflow.auth.settings.Settings;
import com.mindflow.auth.web.ClientInfo;
import com.mindflow.auth.web.NotFound;
import com.mindflow.events.user.UserLoggedOut;
import com.mindflow.events.user.UserProfileUpdated;
import com.mindflow.events.user.UserRegistered;

/**
 * Account life cycle. bcrypt always runs outside the database transaction, so a slow hash never holds a connection;
 * every state change commits together with its event.
 */
@Service
public class AccountService {

    private final Users users;
    private final Settings settings;
    private final Consents consents;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final OneTimeTokens links;
    private final Sessions sessions;
    private final UserEvents events;
    private final Mailer mailer;
    private final RateLimiter rateLimiter;
    private final TransactionTemplate tx;
    private final AuthSettings config;
    private final Clock clock;

    AccountService(Users users, Settings settings, Consents consents, Passwords passwords, PasswordPolicy policy,
            OneTimeTokens links, Sessions sessions, UserEvents events, Mailer mailer, RateLimiter rateLimiter,
            TransactionTemplate tx, AuthSettings config, Clock clock) {
        this.users = users;
        this.settings = settings;
        this.consents = consents;
        this.passwords = passwords;
        this.policy = policy;
        this.links = links;
        this.sessions = sessions;
        this.events = events;
        this.mailer = mailer;
        this.rateLimiter = rateLimiter;
        this.tx = tx;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Creates user, settings and consent with {@code UserRegistered} in one transaction, then mails the link.
     * <p>
     * An address that already has an account gets the same answer as a new one (no account enumeration): a profile
     * made of what was sent, under a fresh id that belongs to nothing and is never stored. The owner is told by mail
     * instead. Both paths hash the password first, so both take about as long.
     */
    public User register(Register request, ClientInfo client) {
        rateLimiter.register(client.ipAddress());
        String email = normalize(request.email());
        policy.check("password", request.password(), email);
        String hash = passwords.hash(request.password());
        UserId id = new UserId(UUID.randomUUID());
        String timezone = request.timezone() == null ? "UTC" : request.timezone();
        String language = request.language() == null ? "en" : request.language();
        String displayName = request.displayName().strip();
        // PostgreSQL keeps microseconds: the answer's createdAt must look the same whether or not a row was written.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var consent = request.consent();
        try {
            tx.executeWithoutResult(status -> {
                users.add(id, email, hash, displayName, timezone, language, now);
                var defaults = settings.addDefaults(id, now);
                Consent given = Consent.given(consent.termsVersion(), consent.privacyPolicyVersion(),
                        consent.dataProcessing(), consent.marketing(), client.ipAddress(), client.userAgent(), now);
                consents.add(id, given);
                events.publish(new UserRegistered(id.value(), email, displayName, null, timezone, language,
                        "system", false, defaults.toEvent(), given.toEvent(), now));
            });
        }
        catch (DuplicateKeyException e) {
            // An account locked for deletion keeps its address until the purge erases it: no mail then.
            users.activeByEmail(email).filter(owner -> rateLimiter.mailAllowed("registration-attempt", email))
                    .ifPresent(owner -> mailer.sendRegistrationAttempt(owner.id(), owner.email(),
                            owner.displayName()));
            return new User(id, email, null, displayName, null, timezone, language, "system", now, now, null, false);
        }
        if (rateLimiter.mailAllowed("verification", email)) {
            String token = links.issue(Purpose.EMAIL_VERIFICATION, id, config.verificationTtl());
            mailer.sendVerification(id, email, displayName, token);
        }
        return users.active(id).orElseThrow();
    }

    public void verifyEmail(String token) {
        UserId id = links.consume(Purpose.EMAIL_VERIFICATION, token).orElseThrow(AccountProblems::invalidLink);
        tx.executeWithoutResult(status -> {
            if (users.markEmailVerified(id)) {
                users.active(id).ifPresent(user -> events.publish(profileEvent(user, clock.instant())));
            }
        });
    }

    public User profile(UserId id) {
        return users.active(id).orElseThrow(() -> new NotFound("account"));
    }

    public User updateProfile(UserId id, ProfilePatch patch) {
        return tx.execute(status -> {
            User current = users.lockActive(id).orElseThrow(() -> new NotFound("account"));
            String photo = patch.photoUrl() == null ? current.photoUrl()
                    : patch.photoUrl().isEmpty() ? null : patch.photoUrl();
            String name = patch.displayName() == null ? current.displayName() : patch.displayName().strip();
            String timezone = or(patch.timezone(), current.timezone());
            String language = or(patch.language(), current.language());
            String theme = or(patch.theme(), current.theme());
            users.updateProfile(id, name, photo, timezone, language, theme);
            User updated = profile(id);
            events.publish(profileEvent(updated, clock.instant()));
            return updated;
        });
    }

    /** Changes the password and signs out every other session of the user. */
    public void changePassword(UserId id, String currentSession, String currentPassword, String newPassword) {
        User user = profile(id);
        rateLimiter.passwordCheck(id);
        if (!passwords.matches(currentPassword, user.passwordHash())) {
            throw AccountProblems.wrongPassword("currentPassword");
        }
        policy.check("newPassword", newPassword, user.email());
        setPassword(user, newPassword, currentSession, "password-changed");
    }

    /**
     * Always answers the same, whether or not the address has an account and whether or not its mail cap is reached:
     * no account enumeration here. The cap is counted for every address, known or not, so it costs the same.
     */
    public void requestPasswordReset(String email, ClientInfo client) {
        rateLimiter.passwordResetFrom(client.ipAddress());
        String normalized = normalize(email);
        if (!rateLimiter.mailAllowed("password-reset", normalized)) {
            return;
        }
        users.activeByEmail(normalized).ifPresent(user -> {
            String token = links.issue(Purpose.PASSWORD_RESET, user.id(), config.passwordResetTtl());
            mailer.sendPasswordReset(user.id(), user.email(), user.displayName(), token);
        });
    }

    /** Sets a new password from a mailed link and signs out every session: whoever had the old one is out. */
    public void confirmPasswordReset(String token, String newPassword, ClientInfo client) {
        rateLimiter.passwordResetFrom(client.ipAddress());
        // Check the new password before burning the link, so a weak choice can be corrected with the same link.
        UserId id = links.peek(Purpose.PASSWORD_RESET, token).orElseThrow(AccountProblems::invalidLink);
        User user = users.active(id).orElseThrow(AccountProblems::invalidLink);
        policy.check("newPassword", newPassword, user.email());
        links.consume(Purpose.PASSWORD_RESET, token).filter(id::equals).orElseThrow(AccountProblems::invalidLink);
        setPassword(user, newPassword, null, "password-reset");
    }

    private void setPassword(User user, String newPassword, String keepSession, String reason) {
        String hash = passwords.hash(newPassword);
        List<SessionRecord> ended = sessions.ofUser(user.id()).stream()
                .filter(s -> !s.id().equals(keepSession))
                .toList();
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            users.changePasswordHash(user.id(), hash);
            ended.forEach(s -> events.publish(new UserLoggedOut(user.id().value(), s.id(), reason, now)));
        });
        sessions.endAll(user.id(), keepSession);
    }

    static String normalize(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String or(String value, String fallback) {
        return Optional.ofNullable(value).orElse(fallback);
    }

    private static UserProfileUpdated profileEvent(User user, Instant at) {
        return new UserProfileUpdated(user.id().value(), user.email(), user.displayName(), user.photoUrl(),
                user.timezone(), user.language(), user.theme(), user.emailVerified(), at);
    }
}
