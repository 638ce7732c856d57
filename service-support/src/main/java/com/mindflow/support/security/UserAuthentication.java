package com.mindflow.support.security;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A request authenticated by a valid access token of a live session. */
public class UserAuthentication extends AbstractAuthenticationToken {

    private final AuthenticatedUser user;
    private final transient Jwt token;

    public UserAuthentication(AuthenticatedUser user, Jwt token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.user = user;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public AuthenticatedUser getPrincipal() {
        return user;
    }

    /** The validated token (never its raw text in logs: {@link #toString()} does not print it). */
    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return user.userId().toString();
    }

    @Override
    public String toString() {
        return "UserAuthentication[user=" + user.userId() + ", session=" + user.sessionId() + "]";
    }
}
