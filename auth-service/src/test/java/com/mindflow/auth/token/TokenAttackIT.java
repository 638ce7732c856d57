package com.mindflow.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

import com.mindflow.auth.support.Api;
import com.mindflow.auth.support.AuthITSupport;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Forged and stale tokens against a protected endpoint: each must get 401, and a genuine one must pass the same
 * checks that every other service runs (JWKS over HTTP, algorithm allow-list, iss, aud).
 */
class TokenAttackIT extends AuthITSupport {

    @Autowired
    KeyRing keys;

    @Test
    void aGenuineTokenPassesTheSharedResourceServerContract() throws Exception {
        Api api = api();
        var user = register(api);
        Tokens tokens = login(api, user);

        // What service-support does in every service: keys from the JWKS URL, RS256/ES256 only, iss and aud.
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withJwkSetUri("http://127.0.0.1:" + port + "/.well-known/jwks.json")
                .jwsAlgorithms(algs -> {
                    algs.add(SignatureAlgorithm.RS256);
                    algs.add(SignatureAlgorithm.ES256);
                })
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer("mindflow-auth"),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("mindflow-api"))));
        Jwt jwt = decoder.decode(tokens.access());

        assertThat(jwt.getSubject()).isEqualTo(user.id().toString());
        assertThat(jwt.getClaimAsString("sid")).isEqualTo(tokens.sessionId());
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getIssuedAt()).isNotNull();
        assertThat(jwt.getExpiresAt()).isBetween(Instant.now().plusSeconds(540), Instant.now().plusSeconds(601));
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", keys.signingKey().getKeyID());
        assertThat(redis.hasKey("session:" + jwt.getClaimAsString("sid"))).isTrue();
    }

    @Test
    void jwksPublishesOnlyPublicKeys() {
        Api.Response jwks = api().get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().get("keys").valueStream().map(k -> k.get("kid").asString()))
                .contains(keys.signingKey().getKeyID());
        assertThat(jwks.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
    }

    @Test
    void refusesANoneAlgorithmToken() {
        Tokens tokens = session();
        String none = new PlainJWT(claims(tokens, "mindflow-api", Instant.now().plusSeconds(300))).serialize();
        assertRefused(none);
    }

    @Test
    void refusesATokenSignedWithAnotherKeyUnderTheRealKid() throws Exception {
        Tokens tokens = session();
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(keys.signingKey().getKeyID()).generate();
        assertRefused(sign(attacker, claims(tokens, "mindflow-api", Instant.now().plusSeconds(300))));
    }

    @Test
    void refusesATokenSignedWithAnotherKeyUnderItsOwnKid() throws Exception {
        Tokens tokens = session();
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        assertRefused(sign(attacker, claims(tokens, "mindflow-api", Instant.now().plusSeconds(300))));
    }

    @Test
    void refusesAnHmacTokenKeyedWithThePublicKey() throws Exception {
        Tokens tokens = session();
        byte[] publicKey = keys.signingKey().toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey)
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(publicKey, pem.getBytes(StandardCharsets.US_ASCII),
                keys.signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
            SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID(keys.signingKey().getKeyID()).type(JOSEObjectType.JWT).build(),
                    claims(tokens, "mindflow-api", Instant.now().plusSeconds(300)));
            hmac.sign(new MACSigner(secret));
            assertRefused(hmac.serialize());
        }
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        Tokens tokens = session();
        assertRefused(sign(keys.signingKey(), claims(tokens, "mindflow-api", Instant.now().minusSeconds(120))));
    }

    @Test
    void refusesATokenForAnotherAudience() throws Exception {
        Tokens tokens = session();
        assertRefused(sign(keys.signingKey(), claims(tokens, "some-other-api", Instant.now().plusSeconds(300))));
    }

    @Test
    void refusesATokenFromAnotherIssuer() throws Exception {
        Tokens tokens = session();
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(tokens, "mindflow-api", Instant.now().plusSeconds(300)))
                .issuer("evil-issuer").build();
        assertRefused(sign(keys.signingKey(), claims));
    }

    @Test
    void refusesATokenWithATamperedPayload() {
        Api api = api();
        Tokens mine = login(api, register(api));
        var victim = register(api.anotherDevice());
        String[] parts = mine.access().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceAll("\"sub\":\"[^\"]+\"", "\"sub\":\"" + victim.id() + "\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(tampered);
    }

    @Test
    void refusesATokenOfALoggedOutSession() {
        Api api = api();
        Tokens tokens = login(api, register(api));
        assertThat(api.post("/api/auth/logout", null, tokens.access()).status()).isEqualTo(204);
        assertRefused(tokens.access());
    }

    @Test
    void refusesAValidlySignedTokenWhoseSessionNeverExisted() throws Exception {
        Tokens tokens = session();
        Tokens ghost = new Tokens(null, null, UUID.randomUUID().toString());
        JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(ghost, "mindflow-api", Instant.now().plusSeconds(300)))
                .subject(SignedJWT.parse(tokens.access()).getJWTClaimsSet().getSubject()).build();
        assertRefused(sign(keys.signingKey(), claims));
    }

    @Test
    void refusesRequestsWithoutOrWithGarbageTokens() {
        Api api = api();
        Api.Response missing = api.get("/api/me", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertRefused("not.a.jwt");
    }

    private Tokens session() {
        Api api = api();
        return login(api, register(api));
    }

    private void assertRefused(String token) {
        Api.Response response = api().get("/api/me", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** Claims like the real ones, for the real user and session, with the given audience and expiry. */
    private static JWTClaimsSet claims(Tokens tokens, String audience, Instant expires) {
        String subject;
        try {
            subject = tokens.access() == null ? UUID.randomUUID().toString()
                    : SignedJWT.parse(tokens.access()).getJWTClaimsSet().getSubject();
        }
        catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        Instant issued = expires.minusSeconds(600);
        return new JWTClaimsSet.Builder()
                .issuer("mindflow-auth")
                .audience(audience)
                .subject(subject)
                .claim("sid", tokens.sessionId())
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
