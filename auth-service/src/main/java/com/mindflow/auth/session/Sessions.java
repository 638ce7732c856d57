package com.mindflow.auth.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;
import com.mindflow.auth.Hashing;
import com.mindflow.support.security.SecuritySettings;
import com.mindflow.support.security.UserId;

/**
 * Sessions in Redis, following the seed: the hash {@code session:{sessionId}} (userId, email, roles, createdAt,
 * lastAccessedAt, plus userAgent, ipAddress and the SHA-256 of the current refresh token) with a sliding TTL, and
 * the set {@code user:{userId}:sessions} to list a user's devices. Every service checks that {@code session:{sid}}
 * exists, and is told when it stops to: every way a session ends here deletes the hash and, in the same Lua script
 * right after, publishes its id on {@code mindflow.security.session-revocation-channel}, which every service
 * subscribes to ({@code LiveSessionValidator}), so the token is signed out everywhere at once without each request
 * asking Redis. (A hash that merely expires is caught by the services' periodic re-check.)
 *
 * <p>A refresh token is {@code {sessionId}.{256 random bits}}: opaque to clients, only its hash is stored. Rotation
 * runs as one Lua script, so two concurrent refreshes with the same token can't both win; a token that was already
 * rotated away means it was copied, and the whole session is revoked.
 */
@Component
public class Sessions {

    static final String SESSION_PREFIX = "session:";
    private static final int USED_HASHES_KEPT = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final RedisScript<String> OPEN = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'userId', ARGV[1], 'email', ARGV[2], 'roles', ARGV[3],
                       'createdAt', ARGV[4], 'lastAccessedAt', ARGV[4], 'userAgent', ARGV[5],
                       'ipAddress', ARGV[6], 'refreshHash', ARGV[7], 'usedRefreshHashes', '')
            redis.call('EXPIRE', KEYS[1], ARGV[8])
            redis.call('SADD', KEYS[2], ARGV[9])
            redis.call('EXPIRE', KEYS[2], ARGV[8])
            return 'ok'
            """, String.class);

    private static final RedisScript<String> ROTATE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 'invalid' end
            local current = redis.call('HGET', KEYS[1], 'refreshHash')
            local used = redis.call('HGET', KEYS[1], 'usedRefreshHashes') or ''
            if current == ARGV[1] then
              local kept = ARGV[1]
              local n = 1
              for h in string.gmatch(used, '%S+') do
                if n >= tonumber(ARGV[5]) then break end
                kept = kept .. ' ' .. h
                n = n + 1
              end
              redis.call('HSET', KEYS[1], 'refreshHash', ARGV[2], 'usedRefreshHashes', kept, 'lastAccessedAt', ARGV[3])
              redis.call('EXPIRE', KEYS[1], ARGV[4])
              return 'rotated'
            end
            if string.find(' ' .. used .. ' ', ' ' .. ARGV[1] .. ' ', 1, true) then
              redis.call('DEL', KEYS[1])
              if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[6], ARGV[7]) end
              return 'reused'
            end
            return 'invalid'
            """, String.class);

    /** Ends a session: the hash goes, then every service hears of it (published even when the hash was gone). */
    private static final RedisScript<Long> END = RedisScript.of("""
            local deleted = redis.call('DEL', KEYS[1])
            if ARGV[1] ~= '' then redis.call('PUBLISH', ARGV[1], ARGV[2]) end
            return deleted
            """, Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final Clock clock;
    private final String revocations;

    Sessions(StringRedisTemplate redis, AuthSettings settings, SecuritySettings security, Clock clock) {
        this.redis = redis;
        this.ttl = settings.sessionTtl();
        this.clock = clock;
        this.revocations = security.revocationsPushed() ? security.sessionRevocationChannel() : "";
    }

    /** Starts a session and returns it with its first refresh token. */
    public Opened open(UserId user, String email, List<String> roles, String userAgent, String ipAddress) {
        String sessionId = UUID.randomUUID().toString();
        String refreshToken = newRefreshToken(sessionId);
        redis.execute(OPEN, List.of(key(sessionId), indexKey(user)),
                user.toString(), email, String.join(",", roles), clock.instant().toString(),
                nullToEmpty(userAgent), nullToEmpty(ipAddress), hash(refreshToken),
                Long.toString(ttl.toSeconds()), sessionId);
        return new Opened(sessionId, refreshToken);
    }

    /** Swaps a refresh token for a new one; see the class comment for what happens to a reused one. */
    public Rotation rotate(String refreshToken) {
        String sessionId = sessionIdOf(refreshToken);
        if (sessionId == null) {
            return new Rotation.Invalid();
        }
        // Read first, for the owner: a 'reused' outcome deletes the hash.
        Optional<SessionRecord> session = find(sessionId);
        if (session.isEmpty()) {
            return new Rotation.Invalid();
        }
        String next = newRefreshToken(sessionId);
        String outcome = redis.execute(ROTATE, List.of(key(sessionId)), hash(refreshToken), hash(next),
                clock.instant().toString(), Long.toString(ttl.toSeconds()), Integer.toString(USED_HASHES_KEPT),
                revocations, sessionId);
        return switch (outcome == null ? "invalid" : outcome) {
            case "rotated" -> {
                redis.expire(indexKey(session.get().userId()), ttl);
                yield new Rotation.Rotated(session.get(), next);
            }
            case "reused" -> {
                redis.opsForSet().remove(indexKey(session.get().userId()), sessionId);
                yield new Rotation.Reused(session.get());
            }
            default -> new Rotation.Invalid();
        };
    }

    public boolean isLive(String sessionId) {
        return existsKey(key(sessionId));
    }

    /** For the shared live-session check, which asks by the whole key {@code session:{sid}}. */
    public boolean existsKey(String key) {
        return key.startsWith(SESSION_PREFIX) && Boolean.TRUE.equals(redis.hasKey(key));
    }

    public Optional<SessionRecord> find(String sessionId) {
        Map<Object, Object> hash = redis.opsForHash().entries(key(sessionId));
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionRecord(sessionId, UserId.of(str(hash, "userId")), str(hash, "email"),
                Arrays.stream(str(hash, "roles").split(",")).filter(r -> !r.isBlank()).toList(),
                Instant.parse(str(hash, "createdAt")), Instant.parse(str(hash, "lastAccessedAt")),
                emptyToNull(str(hash, "userAgent")), emptyToNull(str(hash, "ipAddress"))));
    }

    /** The user's live sessions, newest first; ids whose hash expired are pruned from the index on the way. */
    public List<SessionRecord> ofUser(UserId user) {
        Set<String> ids = redis.opsForSet().members(indexKey(user));
        List<SessionRecord> live = new ArrayList<>();
        for (String id : ids == null ? Set.<String>of() : ids) {
            find(id).filter(s -> s.userId().equals(user)).ifPresentOrElse(live::add,
                    () -> redis.opsForSet().remove(indexKey(user), id));
        }
        live.sort(Comparator.comparing(SessionRecord::createdAt).reversed());
        return live;
    }

    /** Ends one session of this user; false when there is no such session of theirs. */
    public boolean end(UserId user, String sessionId) {
        Optional<SessionRecord> session = find(sessionId);
        if (session.isEmpty() || !session.get().userId().equals(user)) {
            return false;
        }
        revoke(sessionId);
        redis.opsForSet().remove(indexKey(user), sessionId);
        return true;
    }

    /** Ends every session of the user but {@code keep} (null ends all). */
    public void endAll(UserId user, String keep) {
        Set<String> ids = redis.opsForSet().members(indexKey(user));
        for (String id : ids == null ? Set.<String>of() : ids) {
            if (!id.equals(keep)) {
                find(id).filter(s -> s.userId().equals(user)).ifPresent(s -> revoke(id));
                redis.opsForSet().remove(indexKey(user), id);
            }
        }
    }

    private void revoke(String sessionId) {
        redis.execute(END, List.of(key(sessionId)), revocations, sessionId);
    }

    static String key(String sessionId) {
        return SESSION_PREFIX + sessionId;
    }

    private static String indexKey(UserId user) {
        return "user:" + user + ":sessions";
    }

    private static String newRefreshToken(String sessionId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return sessionId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static String sessionIdOf(String refreshToken) {
        if (refreshToken == null) {
            return null;
        }
        int dot = refreshToken.indexOf('.');
        if (dot != 36) {
            return null;
        }
        try {
            return UUID.fromString(refreshToken.substring(0, dot)).toString();
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hash(String token) {
        return Hashing.sha256Base64Url(token);
    }

    private static String str(Map<Object, Object> hash, String field) {
        Object value = hash.get(field);
        return value == null ? "" : value.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** A new session and its first refresh token. */
    public record Opened(String sessionId, String refreshToken) {

        @Override
        public String toString() {
            return "Opened[sessionId=" + sessionId + "]";
        }
    }

    /** What a refresh attempt came to. */
    public sealed interface Rotation {

        record Rotated(SessionRecord session, String refreshToken) implements Rotation {

            @Override
            public String toString() {
                return "Rotated[session=" + session.id() + "]";
            }
        }

        /** An already-used token came back: the session was revoked. */
        record Reused(SessionRecord session) implements Rotation {
        }

        record Invalid() implements Rotation {
        }
    }
}
