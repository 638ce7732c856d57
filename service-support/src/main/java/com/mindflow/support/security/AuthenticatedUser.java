package com.mindflow.support.security;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Who is calling: the principal of every authenticated MindFlow request.
 *
 * @param userId    the token's {@code sub}
 * @param sessionId the token's {@code sid}; the session is live in Redis as {@code session:{sid}}
 * @param roles     the token's {@code roles}, may be empty
 * @param zone      the token's {@code zoneinfo} (the user's IANA time zone, which decides what "today" is for their
 *                  journal); UTC when the token has none or an unknown one
 * @param emailVerified the token's {@code email_verified}: whether the account proved its address (an unverified
 *                  one gets less storage); false when the token does not say
 */
public record AuthenticatedUser(UserId userId, String sessionId, List<String> roles, ZoneId zone,
        boolean emailVerified) {

    public AuthenticatedUser {
        roles = roles == null ? List.of() : List.copyOf(roles);
        zone = zone == null ? ZoneOffset.UTC : zone;
    }

    /** A user without a known time zone: UTC. */
    public AuthenticatedUser(UserId userId, String sessionId, List<String> roles) {
        this(userId, sessionId, roles, null, false);
    }

    /** The {@code zoneinfo} claim as a zone; UTC when absent or not a valid zone id (a token is never refused for it). */
    static ZoneId zoneOf(String zoneinfo) {
        if (zoneinfo == null || zoneinfo.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zoneinfo);
        }
        catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
