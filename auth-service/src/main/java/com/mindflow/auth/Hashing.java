package com.mindflow.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 for the secrets the service stores only as digests (refresh tokens, mailed link tokens) and for emails in
 * Redis key names. A fast hash is right here: these inputs carry 256 random bits, so nothing is gained by slowing a
 * guesser down, unlike passwords (bcrypt).
 */
public final class Hashing {

    private Hashing() {
    }

    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** URL-safe Base64 of the SHA-256, without padding. */
    public static String sha256Base64Url(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(value));
    }
}
