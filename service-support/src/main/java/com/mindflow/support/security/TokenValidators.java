package com.mindflow.support.security;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/** The claim rules of a MindFlow access token, cheapest first; the live-session check comes last. */
public final class TokenValidators {

    private TokenValidators() {
    }

    public static OAuth2TokenValidator<Jwt> of(SecuritySettings settings, OAuth2TokenValidator<Jwt> liveSession) {
        return inOrder(List.of(claims(settings), liveSession));
    }

    /**
     * The claim rules alone (exp/nbf with skew, iss, aud, a user-id subject): what a token's text decides, so what
     * {@link CachingJwtDecoder} may check once and again on every hit.
     */
    public static OAuth2TokenValidator<Jwt> claims(SecuritySettings settings) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(settings.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false); // a token without exp would live forever
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.add(new JwtIssuerValidator(settings.issuer()));
        validators.add(new JwtAudienceValidator(settings.audience()));
        validators.add(TokenValidators::subjectIsUserId);
        return inOrder(validators);
    }

    private static OAuth2TokenValidator<Jwt> inOrder(List<OAuth2TokenValidator<Jwt>> validators) {
        List<OAuth2TokenValidator<Jwt>> inOrder = List.copyOf(validators);
        // Stops at the first failure (Spring's DelegatingOAuth2TokenValidator runs all), so a forged or expired
        // token never costs a Redis round trip.
        return jwt -> {
            for (OAuth2TokenValidator<Jwt> validator : inOrder) {
                OAuth2TokenValidatorResult result = validator.validate(jwt);
                if (result.hasErrors()) {
                    return result;
                }
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    private static OAuth2TokenValidatorResult subjectIsUserId(Jwt jwt) {
        try {
            UUID.fromString(jwt.getSubject());
            return OAuth2TokenValidatorResult.success();
        }
        catch (RuntimeException e) {
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token's subject is not a user id", null));
        }
    }
}
