package com.mindflow.auth.account;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import com.mindflow.auth.AuthSettings;

/**
 * bcrypt hashing. Checking a password against a missing account still runs one full bcrypt comparison against a
 * dummy hash of the same cost, so an unknown email takes as long as a wrong password.
 */
@Component
public class Passwords {

    private final BCryptPasswordEncoder encoder;
    private final String dummyHash;

    Passwords(AuthSettings settings) {
        this.encoder = new BCryptPasswordEncoder(settings.bcryptCost());
        this.dummyHash = encoder.encode("not-a-password-" + System.nanoTime());
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Compares in bcrypt time whether or not there is a hash to compare with. */
    public boolean matches(String password, String hashOrNull) {
        if (password == null || password.isEmpty() || PasswordPolicy.tooLongForBcrypt(password)) {
            encoder.matches("x", dummyHash);
            return false;
        }
        if (hashOrNull == null) {
            encoder.matches(password, dummyHash);
            return false;
        }
        return encoder.matches(password, hashOrNull);
    }

    /** True when the hash was made with a lower cost than configured now. */
    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
