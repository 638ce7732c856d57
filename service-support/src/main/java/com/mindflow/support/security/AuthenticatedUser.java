package com.mindflow.support.security;

import java.util.List;

/**
 * Who is calling: the principal of every authenticated MindFlow request.
 *
 * @param userId    the token's {@code sub}
 * @param sessionId the token's {@code sid}; the session is live in Redis as {@code session:{sid}}
 * @param roles     the token's {@code roles}, may be empty
 */
public record AuthenticatedUser(UserId userId, String sessionId, List<String> roles) {

    public AuthenticatedUser {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
