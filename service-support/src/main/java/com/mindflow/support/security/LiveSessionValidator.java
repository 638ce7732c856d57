package com.mindflow.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * A token is only as alive as its session: {@code session:{sid}} must exist in Redis (auth-service deletes it when
 * the session ends).
 *
 * <p><b>Pushed revocations</b> (every resource server, {@link SessionRevocationFeed}): auth-service publishes the
 * {@code sid} of every session it ends, right after deleting the key. While this service is subscribed and hears the
 * channel, a sid confirmed once (one {@code EXISTS}) is trusted for {@code sessionCheckTtl} without asking Redis
 * again, and a revoked sid is refused from the moment its message arrives; revoked sids are remembered (at least
 * {@code revokedSessionMemory}, and as long as the longest token of the session seen here) so that an answer of
 * Redis that was on its way while the session ended cannot bring them back. While the subscription is down (before
 * the first subscription, after a disconnect, when the channel's heartbeat falls silent) every request asks Redis, and
 * whatever was confirmed is forgotten when the channel is heard again, since messages may have been lost meanwhile.
 * A session whose key just expires sends no message: {@code sessionCheckTtl} bounds how long that goes unnoticed.
 * A lost connection to Redis ({@link #connectionLost()}) counts as a silence at once, without waiting for the
 * heartbeat: the channel may have gone with it.
 *
 * <p><b>Redis down</b>: a sid that has to be asked about and cannot be is neither accepted nor refused: the check
 * fails with an {@link AuthenticationServiceException}, which the filter chain answers 503 with {@code Retry-After}
 * (the token may be fine, so never 401; never accepted unchecked).
 *
 * <p><b>Without pushed revocations</b> (the two-argument constructor; auth-service, with zero): a positive answer is
 * trusted for the given time, zero asks Redis on every request. A negative answer is never remembered.
 */
public class LiveSessionValidator implements OAuth2TokenValidator<Jwt> {

    static final String KEY_PREFIX = "session:";
    private static final int MAX_REMEMBERED = 20_000; // a few MB at most; forgetting only costs an EXISTS

    private final Predicate<String> sessionExists;
    private final long trustNanos;
    private final boolean pushed;
    private final long staleNanos;
    private final Duration revokedMemory;
    private final LongSupplier nanoClock;
    private final Clock clock;

    /** Confirmed live sessions: sid -> the latest token expiry seen for it. Trusted for trustNanos from creation. */
    private final Cache<String, Instant> confirmed;
    /** Sessions announced as ended: sid -> remembered until. */
    private final Cache<String, Instant> revoked;
    /** Bumped on every revocation and every reset, so a positive answer that raced one is not kept. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean subscribed;
    private volatile long lastHeard;

    /**
     * Without pushed revocations.
     *
     * @param sessionExists asks the store whether {@code session:{sid}} exists (the argument is the whole key)
     * @param ttl           how long a positive answer is trusted; zero asks on every request
     */
    public LiveSessionValidator(Predicate<String> sessionExists, Duration ttl) {
        this(sessionExists, ttl, System::nanoTime);
    }

    LiveSessionValidator(Predicate<String> sessionExists, Duration ttl, LongSupplier nanoClock) {
        this(sessionExists, ttl, false, Duration.ZERO, Duration.ZERO, nanoClock, Clock.systemUTC());
    }

    /**
     * With revocations pushed by {@link SessionRevocationFeed} through {@link #subscribed()}, {@link #heard()},
     * {@link #revoked(String)} and {@link #unsubscribed()}.
     */
    public static LiveSessionValidator pushed(Predicate<String> sessionExists, SecuritySettings settings) {
        return new LiveSessionValidator(sessionExists, settings.sessionCheckTtl(), true,
                settings.sessionRevocationHeartbeat().multipliedBy(3), settings.revokedSessionMemory(),
                System::nanoTime, Clock.systemUTC());
    }

    LiveSessionValidator(Predicate<String> sessionExists, Duration trust, boolean pushed, Duration staleAfter,
            Duration revokedMemory, LongSupplier nanoClock, Clock clock) {
        this.sessionExists = sessionExists;
        this.trustNanos = trust.toNanos();
        this.pushed = pushed;
        this.staleNanos = staleAfter.toNanos();
        this.revokedMemory = revokedMemory;
        this.nanoClock = nanoClock;
        this.clock = clock;
        this.confirmed = Caffeine.newBuilder()
                .maximumSize(MAX_REMEMBERED)
                .ticker(nanoClock::getAsLong)
                .expireAfter(Expiry.<String, Instant>creating((sid, exp) -> Duration.ofNanos(trustNanos)))
                .build();
        this.revoked = Caffeine.newBuilder()
                .maximumSize(MAX_REMEMBERED)
                .ticker(nanoClock::getAsLong)
                .expireAfter(Expiry.<String, Instant>writing((sid, until) -> positive(
                        Duration.between(clock.instant(), until))))
                .build();
        this.lastHeard = nanoClock.getAsLong();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String sid = token.getClaimAsString("sid");
        if (sid == null || sid.isBlank()) {
            return failure("The token has no session");
        }
        Instant exp = token.getExpiresAt() == null ? Instant.MIN : token.getExpiresAt();
        if (revoked.getIfPresent(sid) != null) {
            revoked.asMap().computeIfPresent(sid, (k, until) -> later(until, exp));
            return failure("The session has ended");
        }
        boolean trusting = trustNanos > 0 && trustsConfirmedSessions();
        if (trusting) {
            Instant seen = confirmed.getIfPresent(sid);
            if (seen != null) {
                if (exp.isAfter(seen)) {
                    confirmed.asMap().replace(sid, seen, exp); // the trust period runs from creation, unchanged
                }
                return OAuth2TokenValidatorResult.success();
            }
        }
        long before = generation.get();
        if (!exists(sid)) {
            confirmed.invalidate(sid);
            return failure("The session has ended");
        }
        if (trusting) {
            confirmed.asMap().merge(sid, exp, LiveSessionValidator::later);
            // Store, then re-check: a revocation or a reset that ran while Redis was being asked wins.
            if (generation.get() != before || revoked.getIfPresent(sid) != null) {
                confirmed.invalidate(sid);
                if (revoked.getIfPresent(sid) != null) {
                    return failure("The session has ended");
                }
            }
        }
        return OAuth2TokenValidatorResult.success();
    }

    /**
     * A connection to Redis broke (Lettuce is reconnecting): the channel may be down with it and messages lost, so
     * trust nothing confirmed until the channel is heard again, without waiting for the heartbeat to fall silent.
     */
    public void connectionLost() {
        lastHeard = nanoClock.getAsLong() - staleNanos;
        forgetConfirmed();
    }

    /** The channel is (again) subscribed: what was confirmed before may have missed messages, so start afresh. */
    public void subscribed() {
        forgetConfirmed();
        lastHeard = nanoClock.getAsLong();
        subscribed = true;
    }

    /** The subscription ended: every request asks Redis until it is back. */
    public void unsubscribed() {
        subscribed = false;
        forgetConfirmed();
    }

    /** Something (a heartbeat or a revocation) arrived on the channel: it works. After a silence, start afresh. */
    public void heard() {
        long now = nanoClock.getAsLong();
        if (now - lastHeard >= staleNanos) {
            forgetConfirmed(); // before lastHeard is written, so no request trusts the old record
        }
        lastHeard = now;
    }

    /** The session has ended: refuse it from now on, without asking Redis. */
    public void revoked(String sid) {
        Instant seen = confirmed.getIfPresent(sid);
        Instant until = clock.instant().plus(revokedMemory);
        revoked.asMap().merge(sid, seen == null ? until : later(until, seen), LiveSessionValidator::later);
        generation.incrementAndGet();
        confirmed.invalidate(sid);
        heard();
    }

    /**
     * Whether a confirmed session may be trusted now, without asking Redis: always without pushed revocations
     * (for the configured time), else while the channel is subscribed and heard from.
     */
    public boolean trustsConfirmedSessions() {
        return !pushed || (subscribed && nanoClock.getAsLong() - lastHeard < staleNanos);
    }

    private boolean exists(String sid) {
        try {
            return sessionExists.test(KEY_PREFIX + sid);
        }
        catch (AuthenticationException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // Could not ask: not the client's fault, and no reason to accept. 503 (ProblemResponses), not 401/500.
            throw new AuthenticationServiceException("Session store unavailable", e);
        }
    }

    private void forgetConfirmed() {
        generation.incrementAndGet();
        confirmed.invalidateAll();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
