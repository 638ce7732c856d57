package com.mindflow.auth.account;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import com.mindflow.auth.Hashing;

import com.mindflow.support.security.UserId;

/**
 * Single-use, expiring tokens for mailed links, in Redis under the token's SHA-256 (a leaked Redis dump reveals no
 * working link). Consuming is one GETDEL, so a token works exactly once even under concurrent clicks.
 */
@Component
class OneTimeTokens {

    enum Purpose {
        EMAIL_VERIFICATION("email-verification:"), PASSWORD_RESET("password-reset:"),
        ACCOUNT_DELETION_CANCEL("account-deletion-cancel:");

        private final String prefix;

        Purpose(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;

    OneTimeTokens(StringRedisTemplate redis) {
        this.redis = redis;
    }

    String issue(Purpose purpose, UserId user, Duration ttl) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        redis.opsForValue().set(key(purpose, token), user.toString(), ttl);
        return token;
    }

    Optional<UserId> peek(Purpose purpose, String token) {
        return valid(token) ? Optional.ofNullable(redis.opsForValue().get(key(purpose, token))).map(UserId::of)
                : Optional.empty();
    }

    Optional<UserId> consume(Purpose purpose, String token) {
        return valid(token) ? Optional.ofNullable(redis.opsForValue().getAndDelete(key(purpose, token)))
                .map(UserId::of) : Optional.empty();
    }

    private static boolean valid(String token) {
        return token != null && !token.isBlank() && token.length() <= 100;
    }

    private static String key(Purpose purpose, String token) {
        return purpose.prefix + Hashing.sha256Base64Url(token);
    }
}
