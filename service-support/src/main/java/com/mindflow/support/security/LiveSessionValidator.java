package com.mindflow.support.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token is only as alive as its session: {@code session:{sid}} must exist in Redis (logout deletes it). By default
 * every request asks Redis (one EXISTS, well under a millisecond), so a logout stops the token at every service at
 * once. A deployment may trade that for fewer round trips by remembering a positive answer for a short time
 * ({@code mindflow.security.session-check-ttl}); a negative answer is never remembered.
 */
public class LiveSessionValidator implements OAuth2TokenValidator<Jwt> {

    static final String KEY_PREFIX = "session:";
    private static final int MAX_REMEMBERED = 10_000;

    private final Predicate<String> sessionExists;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Long> liveUntil = new ConcurrentHashMap<>();

    /**
     * @param sessionExists asks the store whether {@code session:{sid}} exists (the argument is the whole key)
     */
    public LiveSessionValidator(Predicate<String> sessionExists, java.time.Duration ttl) {
        this(sessionExists, ttl, System::nanoTime);
    }

    LiveSessionValidator(Predicate<String> sessionExists, java.time.Duration ttl, LongSupplier nanoClock) {
        this.sessionExists = sessionExists;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String sid = token.getClaimAsString("sid");
        if (sid == null || sid.isBlank()) {
            return failure("The token has no session");
        }
        long now = nanoClock.getAsLong();
        Long until = liveUntil.get(sid);
        if (until != null && now - until < 0) {
            return OAuth2TokenValidatorResult.success();
        }
        if (!sessionExists.test(KEY_PREFIX + sid)) {
            liveUntil.remove(sid);
            return failure("The session has ended");
        }
        if (ttlNanos == 0) {
            return OAuth2TokenValidatorResult.success();
        }
        if (liveUntil.size() >= MAX_REMEMBERED) {
            evictExpired(now);
        }
        liveUntil.put(sid, now + ttlNanos);
        return OAuth2TokenValidatorResult.success();
    }

    private void evictExpired(long now) {
        for (Iterator<Long> it = liveUntil.values().iterator(); it.hasNext();) {
            if (now - it.next() >= 0) {
                it.remove();
            }
        }
        if (liveUntil.size() >= MAX_REMEMBERED) {
            liveUntil.clear(); // only costs a few extra Redis look-ups
        }
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
