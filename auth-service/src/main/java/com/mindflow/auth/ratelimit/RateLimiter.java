package com.mindflow.auth.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.mindflow.auth.Hashing;

/**
 * Fixed one-minute windows in Redis with the seed's key pattern {@code ratelimit:{identifier}:{window}}, e.g.
 * {@code ratelimit:login:ip:10.0.0.7:20251025-2030}. INCR and EXPIRE run as one script, so a crash can't leave a
 * counter without TTL. Email addresses are hashed in the identifier: keys are listed by operators, addresses are
 * personal data.
 */
@Component
public class RateLimiter {

    private static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")
            .withZone(ZoneOffset.UTC);
    private static final long WINDOW_SECONDS = 60;
    private static final RedisScript<Long> HIT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            return n
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RateLimitSettings limits;
    private final Clock clock;

    RateLimiter(StringRedisTemplate redis, RateLimitSettings limits, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
    }

    public void login(String email, String ip) {
        hit("login:email:" + hashed(email), limits.loginPerEmail());
        hit("login:ip:" + ip, limits.loginPerIp());
    }

    public void register(String ip) {
        hit("register:ip:" + ip, limits.registerPerIp());
    }

    public void passwordResetFrom(String ip) {
        hit("password-reset:ip:" + ip, limits.passwordResetPerIp());
    }

    public void passwordResetFor(String email) {
        hit("password-reset:email:" + hashed(email), limits.passwordResetPerEmail());
    }

    private void hit(String identifier, int limit) {
        Instant now = clock.instant();
        String key = "ratelimit:" + identifier + ":" + WINDOW.format(now);
        Long count = redis.execute(HIT, List.of(key), Long.toString(WINDOW_SECONDS + 1));
        if (count != null && count > limit) {
            long retryAfter = WINDOW_SECONDS - (now.getEpochSecond() % WINDOW_SECONDS);
            throw new RateLimited(Math.max(1, retryAfter));
        }
    }

    private static String hashed(String email) {
        return HexFormat.of().formatHex(Hashing.sha256(email.trim().toLowerCase(Locale.ROOT)), 0, 16);
    }
}
