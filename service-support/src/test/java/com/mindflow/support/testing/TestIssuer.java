package com.mindflow.support.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for auth-service in tests: serves a JWKS (one RS256 and one ES256 key) on a loopback port and mints
 * access tokens with the MindFlow claims, well-formed or deliberately broken.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String ISSUER = "mindflow-auth";
    public static final String AUDIENCE = "mindflow-api";

    private final RSAKey rsa;
    private final ECKey ec;
    private final HttpServer server;

    private TestIssuer(RSAKey rsa, ECKey ec, HttpServer server) {
        this.rsa = rsa;
        this.ec = ec;
        this.server = server;
    }

    public static TestIssuer start() {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("test-rsa").generate();
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("test-ec").generate();
            byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString()
                    .getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return new TestIssuer(rsa, ec, server);
        }
        catch (JOSEException | IOException e) {
            throw new IllegalStateException("Cannot start the test issuer", e);
        }
    }

    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    /** Claims of a valid token for this user and session, to adjust before signing. */
    public JWTClaimsSet.Builder claims(UUID user, String sessionId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user.toString())
                .claim("sid", sessionId)
                .claim("roles", List.of("user"))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A valid RS256 token. */
    public String token(UUID user, String sessionId) {
        return rs256(claims(user, sessionId).build());
    }

    public String rs256(JWTClaimsSet claims) {
        try {
            return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), claims);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with a key the JWKS does not hold, under the published key's id. */
    public String rs256WithForeignKey(JWTClaimsSet claims) {
        try {
            RSAKey foreign = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
            return sign(new RSASSASigner(foreign), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic confusion attack: HS256 with the public RSA key (as published) used as the HMAC secret. */
    public String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] secret = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            return sign(new MACSigner(secret), JWSAlgorithm.HS256, rsa.getKeyID(), claims);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}. */
    public String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
