package com.mindflow.auth.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.mindflow.auth.Hashing;
import com.mindflow.support.security.UserId;

/**
 * Fixed windows in Redis with the seed's key pattern {@code ratelimit:{identifier}:{window}}, e.g.
 * {@code ratelimit:login:ip:10.0.0.7:20251025-2030}. INCR and EXPIRE run as one script, so a crash can't leave a
 * counter without TTL. Email addresses are hashed in the identifier: keys are listed by operators, addresses are
 * personal data.
 * <p>
 * Login is limited per (account, address), per address, and per account with a much higher ceiling, so one
 * attacker's address can neither lock an owner out nor reach the account-wide brake. On top of that a login
 * failure, once an account has had {@link RateLimitSettings#loginFreeFailures()} in a row, holds the failing address
 * for a delay that doubles with every further failure of the account ({@code login-failures:{hash}} counts them,
 * {@code login-delay:{hash}:{ip}} is the hold). The hold is per address on purpose: an account-wide hold could be
 * kept shut by one address trying at each opening, which is the lock-out this class exists to prevent.
 */
@Component
public class RateLimiter {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd-HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final RedisScript<Long> HIT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return n
            """, Long.class);
    /** Counts a failure; from the free ones on, holds the address for 1, 2, 4 … s (at most ARGV[3] ms). */
    private static final RedisScript<Long> FAILED = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            local over = n - tonumber(ARGV[2])
            if over < 0 then return 0 end
            local delay = math.floor(math.min(1000 * math.pow(2, math.min(over, 30)), tonumber(ARGV[3])))
            redis.call('SET', KEYS[2], '1', 'PX', delay)
            return delay
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RateLimitSettings limits;
    private final Clock clock;

    RateLimiter(StringRedisTemplate redis, RateLimitSettings limits, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
    }

    /** Before a login's password check: 429 while this address is held for this account, or over a window. */
    public void login(String email, String ip) {
        String account = hashed(email);
        Long heldFor = redis.getExpire(delayKey(account, ip), TimeUnit.MILLISECONDS);
        if (heldFor != null && heldFor > 0) {
            throw new RateLimited(Math.max(1, (heldFor + 999) / 1000));
        }
        // The per-address counters come first: an address over its limit never reaches the account-wide ceiling.
        perMinute("login:ip:" + ip, limits.loginPerIp());
        perMinute("login:email-ip:" + account + ":" + ip, limits.loginPerEmailAndIp());
        perMinute("login:email:" + account, limits.loginPerEmail());
    }

    /** After a wrong password (or an unknown email, which must look the same). @return the hold now in force */
    public Duration loginFailed(String email, String ip) {
        String account = hashed(email);
        Long delay = redis.execute(FAILED, List.of("login-failures:" + account, delayKey(account, ip)),
                Long.toString(limits.loginFailureMemory().toMillis()), Integer.toString(limits.loginFreeFailures()),
                Long.toString(limits.loginDelayMax().toMillis()));
        return Duration.ofMillis(delay == null ? 0 : delay);
    }

    /** A successful login ends the account's run of failures. */
    public void loginSucceeded(String email, String ip) {
        String account = hashed(email);
        redis.delete(List.of("login-failures:" + account, delayKey(account, ip)));
    }

    /**
     * Password confirmations of a signed-in user (password change, account deletion). Counted per account and only
     * reachable with the account's own access token, so failed logins by someone else can't block them.
     */
    public void passwordCheck(UserId user) {
        perMinute("password-check:user:" + user, limits.passwordCheckPerUser());
    }

    public void register(String ip) {
        perMinute("register:ip:" + ip, limits.registerPerIp());
    }

    public void passwordResetFrom(String ip) {
        perMinute("password-reset:ip:" + ip, limits.passwordResetPerIp());
    }

    /**
     * Counts a mail of this kind to this address against the hourly and daily caps. Never refuses: over a cap the
     * caller answers as if the mail went out and sends none, so the answer tells nothing about the address.
     *
     * @return whether the mail may be sent
     */
    public boolean mailAllowed(String kind, String email) {
        Instant now = clock.instant();
        String identifier = "ratelimit:mail:" + kind + ":" + hashed(email) + ":";
        long hour = count(identifier + HOUR.format(now), Duration.ofHours(1).plusMinutes(1));
        long day = count(identifier + DAY.format(now), Duration.ofDays(1).plusMinutes(1));
        return hour <= limits.mailPerAddressPerHour() && day <= limits.mailPerAddressPerDay();
    }

    private void perMinute(String identifier, int limit) {
        Instant now = clock.instant();
        long count = count("ratelimit:" + identifier + ":" + MINUTE.format(now), Duration.ofSeconds(61));
        if (count > limit) {
            long retryAfter = 60 - (now.getEpochSecond() % 60);
            throw new RateLimited(Math.max(1, retryAfter));
        }
    }

    private long count(String key, Duration ttl) {
        Long count = redis.execute(HIT, List.of(key), Long.toString(ttl.toSeconds()));
        return count == null ? 0 : count;
    }

    private static String delayKey(String account, String ip) {
        return "login-delay:" + account + ":" + ip;
    }

    private static String hashed(String email) {
        return HexFormat.of().formatHex(Hashing.sha256(email.trim().toLowerCase(Locale.ROOT)), 0, 16);
    }
}
