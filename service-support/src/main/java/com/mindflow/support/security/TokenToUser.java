package com.mindflow.support.security;

import java.util.List;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a validated access token into the {@link AuthenticatedUser} principal; roles become {@code ROLE_*}. */
class TokenToUser implements Converter<Jwt, UserAuthentication> {

    @Override
    public UserAuthentication convert(Jwt jwt) {
        List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
        AuthenticatedUser user = new AuthenticatedUser(UserId.of(jwt.getSubject()), jwt.getClaimAsString("sid"),
                roles, AuthenticatedUser.zoneOf(jwt.getClaimAsString("zoneinfo")),
                Boolean.TRUE.equals(jwt.getClaimAsBoolean("email_verified")));
        return new UserAuthentication(user, jwt,
                user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase())).toList());
    }
}
